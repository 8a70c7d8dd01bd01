import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { ReviewQueue } from '~/components/review/queue'
import { requireCollegeReviewer } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { bulkDecide, loadQueue } from '~/models/queue.server'
import { readForm } from '~/lib/form.server'

const BULK = ['college_endorse', 'college_reject'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, collegeId } = await requireCollegeReviewer(request)
  const [college, data] = await Promise.all([prisma.college.findUniqueOrThrow({ where: { id: collegeId } }), loadQueue(user, request, 'submitted')])
  return { ...data, college: { nameZh: college.nameZh, nameEn: college.nameEn } }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user } = await requireCollegeReviewer(request)
  return { bulk: await bulkDecide(user, await readForm(request), BULK) }
}

export default function CollegeQueue() {
  const t = useT()
  const locale = useLocale()
  const { college, ...data } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <ReviewQueue
      {...data}
      title={t('college.home.title', { college: locale === 'en' ? college.nameEn : college.nameZh })}
      bulkCommands={[...BULK]}
      bulkResult={actionData?.bulk}
    />
  )
}
