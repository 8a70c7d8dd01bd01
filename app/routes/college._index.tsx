import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { AssignedToMe } from '~/components/review/assigned'
import { ReviewQueue } from '~/components/review/queue'
import { reviewedCollege } from '~/domain/access'
import { forbidden, requireUser } from '~/lib/auth.server'
import { collegeNames } from '~/models/college.server'
import { bulkDecide, loadQueue } from '~/models/queue.server'
import { readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['review'] }

const BULK = ['college_endorse', 'college_reject'] as const

/** A college reviewer with the college they review for (none: they reach no application, 403). */
async function requireCollegeReviewer(request: Request) {
  const user = await requireUser(request, { role: 'college_reviewer' })
  const collegeId = reviewedCollege(user)
  if (!collegeId) throw forbidden()
  return { user, collegeId }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, collegeId } = await requireCollegeReviewer(request)
  const [college, data] = await Promise.all([collegeNames(collegeId), loadQueue(user, request, 'submitted').then((read) => read.page())])
  return { ...data, college: { nameZh: college.nameZh, nameEn: college.nameEn } }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireCollegeReviewer(request)
  return { bulk: await bulkDecide(user, await readForm(request), BULK) }
}

export default function CollegeQueue() {
  const t = useT()
  const locale = useLocale()
  const { college, assigned, ...data } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <AssignedToMe assigned={assigned} />
      <ReviewQueue
        {...data}
        title={t('college.home.title', { college: locale === 'en' ? college.nameEn : college.nameZh })}
        bulkCommands={[...BULK]}
        bulkResult={actionData?.bulk}
      />
    </>
  )
}
