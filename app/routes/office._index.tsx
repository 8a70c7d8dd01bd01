import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { ReviewQueue } from '~/components/review/queue'
import { requireUser } from '~/lib/auth.server'
import { bulkDecide, loadQueue } from '~/models/queue.server'
import { readForm } from '~/lib/form.server'

const BULK = ['office_approve', 'office_waitlist', 'office_reject'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  return loadQueue(user, request, 'college_endorsed')
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'office_reviewer' })
  return { bulk: await bulkDecide(user, await readForm(request), BULK) }
}

export default function OfficeQueue() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return <ReviewQueue {...data} title={t('office.home.title')} bulkCommands={[...BULK]} bulkResult={actionData?.bulk} />
}
