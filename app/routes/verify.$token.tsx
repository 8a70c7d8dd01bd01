import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { verification } from '~/models/approval-form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['stay'] }

// GET /verify/:token: the public page the approval form's QR code opens (decision 22). No sign-in;
// it shows only the reference, the student's name and college, the mobility and its status.
export async function loader({ params }: LoaderFunctionArgs) {
  const found = await verification(params.token ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
  return found
}

// The portal's title (root's meta) and a request not to index the page.
export const meta: MetaFunction = ({ matches }) => [
  ...(matches.find((m) => m.id === 'root')?.meta ?? []),
  { name: 'robots', content: 'noindex' },
]

export default function VerifyApproval() {
  const t = useT()
  const locale = useLocale()
  const v = useLoaderData<typeof loader>()
  const en = locale === 'en'
  return (
    <section className="card narrow">
      <h1>{t('stay.verify.title')}</h1>
      <dl className="facts" data-testid="verification">
        <dt>{t('stay.verify.reference')}</dt>
        <dd>{v.reference}</dd>
        <dt>{t('stay.verify.student')}</dt>
        <dd>{en ? `${v.student.nameEn} (${v.student.nameZh})` : v.student.nameZh}</dd>
        <dt>{t('stay.verify.college')}</dt>
        <dd>{en ? v.college.nameEn : v.college.nameZh}</dd>
        <dt>{t('stay.verify.mobility')}</dt>
        <dd>{en ? v.program.titleEn : v.program.titleZh}</dd>
        <dt>{t('stay.verify.status')}</dt>
        <dd>{t(`status.${v.status}`)}</dd>
      </dl>
    </section>
  )
}
