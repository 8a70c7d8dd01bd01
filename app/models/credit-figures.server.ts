// The dashboard's credit recognition per college (decision 26): for an academic year, the home
// credits approved in the current version of each learning agreement (planned) and those then
// recognised after return. The SQL form of app/domain/learning-agreement.ts plannedTenths and
// recognisedTenths over the current (latest decided) versions; tests/integration/learning-agreement.test.ts
// checks they agree. A figure, not a list: it counts every agreement of the colleges in scope.
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/lib/db.server'

const { sql, empty } = Prisma

export type CollegeCredits = {
  id: string
  code: string
  nameZh: string
  nameEn: string
  agreements: number
  plannedTenths: number
  recognisedTenths: number
}

export async function creditFigures({ year, college }: { year: string; college?: string }): Promise<CollegeCredits[]> {
  const rows = await prisma.$queryRaw<{ collegeId: string; agreements: number; planned: number; recognised: number }[]>`
    WITH cur AS (
      SELECT DISTINCT ON (v."applicationId") v.id, a."collegeId"
      FROM "LearningAgreementVersion" v
      JOIN "Application" a ON a.id = v."applicationId"
      WHERE v.status = 'decided' AND a."academicYear" = ${year} AND a.status IN ('approved', 'completed')
        ${college ? sql`AND a."collegeId" = ${college}` : empty}
      ORDER BY v."applicationId", v.no DESC
    )
    SELECT cur."collegeId",
      count(DISTINCT cur.id)::int AS agreements,
      COALESCE(sum(l."homeCreditTenths") FILTER (WHERE l.decision = 'approved'), 0)::int AS planned,
      COALESCE(sum(l."homeCreditTenths") FILTER (WHERE l.decision = 'approved' AND l.recognition = 'recognised'), 0)::int AS recognised
    FROM cur JOIN "LearningAgreementLine" l ON l."versionId" = cur.id
    GROUP BY cur."collegeId"`
  const colleges = await prisma.college.findMany({
    where: { id: { in: rows.map((r) => r.collegeId) } },
    select: { id: true, code: true, nameZh: true, nameEn: true },
    orderBy: { code: 'asc' },
  })
  return colleges.map((c) => {
    const r = rows.find((row) => row.collegeId === c.id)!
    return { ...c, agreements: r.agreements, plannedTenths: r.planned, recognisedTenths: r.recognised }
  })
}
