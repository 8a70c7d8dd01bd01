import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { AssignedToMe } from '~/components/review/assigned'
import { ReviewQueue } from '~/components/review/queue'
import { requireUser, requireUserAndRead } from '~/lib/auth.server'
import { bulkDecide, loadQueue } from '~/models/queue.server'
import { readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['review'] }

const BULK = ['office_approve', 'office_waitlist', 'office_reject'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  return requireUserAndRead(request, { role: 'office_reviewer' }, (user, session) => loadQueue(user, request, 'college_endorsed', session))
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  return { bulk: await bulkDecide(user, await readForm(request), BULK) }
}

export default function OfficeQueue() {
  const t = useT()
  const { assigned, ...data } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <AssignedToMe assigned={assigned} />
      <p>
        <Link to="/office/deletion-requests">{t('privacy.office.title')} →</Link>
      </p>
      <ReviewQueue {...data} title={t('office.home.title')} bulkCommands={[...BULK]} bulkResult={actionData?.bulk} />
    </>
  )
}
