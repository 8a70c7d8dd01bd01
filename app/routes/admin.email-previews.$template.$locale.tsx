import type { LoaderFunctionArgs } from '@remix-run/node'
import { isEmailTemplate, renderEmail } from '#emails/index'
import { emailSamples } from '#emails/samples'
import { isLocale } from '~/i18n'
import { requireUser } from '~/lib/auth.server'

// GET /admin/email-previews/<template>/<locale>: the email's HTML with its sample data, shown in a
// sandboxed iframe on the previews page (no scripts, no same-origin access).
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const { template, locale } = params
  if (!isEmailTemplate(template) || !isLocale(locale)) throw new Response('Not found', { status: 404 })
  const { html } = await renderEmail(template, locale, emailSamples[template](locale) as never)
  return new Response(html, {
    // X-Content-Type-Options comes from the server's helmet, as on every response.
    headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}
