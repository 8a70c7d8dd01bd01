import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { emailTemplates, renderEmail } from '#emails/index'
import { emailSamples } from '#emails/samples'
import { useT } from '~/components/i18n'
import { locales } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['imports'] }

// Every registered email in both languages with sample data (emails/samples.ts): subject and plain
// text here, the HTML from the resource route in a sandboxed iframe.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const templates = await Promise.all(
    emailTemplates.map(async (template) => ({
      template,
      renderings: await Promise.all(
        locales.map(async (locale) => {
          const { subject, text } = await renderEmail(template, locale, emailSamples[template](locale) as never)
          return { locale, subject, text }
        }),
      ),
    })),
  )
  return { templates }
}

export default function EmailPreviews() {
  const t = useT()
  const { templates } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('emailPreviews.title')}</h1>
      <p className="muted">{t('emailPreviews.intro')}</p>
      <p>
        <Link to="/admin/emails">{t('emailPreviews.deliveries')} →</Link>
      </p>
      <nav className="tabs" aria-label={t('emailPreviews.title')}>
        {templates.map(({ template }) => (
          <a key={template} href={`#${template}`}>
            {template}
          </a>
        ))}
      </nav>
      {templates.map(({ template, renderings }) => (
        <section key={template} id={template} data-testid={`email-${template}`}>
          <h2>
            <code>{template}</code>
          </h2>
          <div className="email-previews">
            {renderings.map(({ locale, subject, text }) => (
              <article key={locale} className="card" lang={locale} data-locale={locale}>
                <p>
                  <strong>{t('text.labelled', { label: t('emailPreviews.subject'), text: '' })}</strong>
                  <span data-testid="subject">{subject}</span>
                </p>
                <iframe
                  title={t('emailPreviews.frameTitle', { template, locale })}
                  src={`/admin/email-previews/${template}/${locale}`}
                  sandbox=""
                  loading="lazy"
                  className="preview"
                  style={{ height: '32rem' }}
                />
                <details>
                  <summary>{t('emailPreviews.text')}</summary>
                  <pre className="pre-wrap small">{text}</pre>
                </details>
              </article>
            ))}
          </div>
        </section>
      ))}
    </section>
  )
}
