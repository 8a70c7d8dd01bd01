import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { StatusCounts } from '~/components/status-counts'
import { requireCollegeReviewer } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { countByStatus } from '~/models/overview.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { collegeId } = await requireCollegeReviewer(request)
  const [college, counts] = await Promise.all([
    prisma.college.findUniqueOrThrow({ where: { id: collegeId } }),
    countByStatus(collegeId),
  ])
  return { college: { nameZh: college.nameZh, nameEn: college.nameEn }, counts }
}

export default function CollegeHome() {
  const t = useT()
  const locale = useLocale()
  const { college, counts } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('college.home.title', { college: locale === 'en' ? college.nameEn : college.nameZh })}</h1>
      <h2>{t('staff.home.byStatus')}</h2>
      <StatusCounts counts={counts} />
    </section>
  )
}
