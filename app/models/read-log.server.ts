// The read log (PIPL: a record of who handled a student's data), as the admin reads it per student
// on the student's account page. Rows are written by recordReads (app/lib/audit.server.ts) from
// the review page, document downloads, exports, reveals and the student's own archive.
import { seesAccessLog } from '~/domain/access'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'

/** The latest reads shown per student; older ones stay in the log until its retention period ends. */
const SHOWN = 200

/** Who accessed the student's data, newest first: admins only. */
export async function accessLogOf(admin: Pick<SessionUser, 'roles'>, subjectId: string) {
  if (!seesAccessLog(admin)) return []
  const rows = await prisma.readEvent.findMany({
    where: { subjectId },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: SHOWN,
    select: {
      id: true,
      at: true,
      kind: true,
      applicationId: true,
      detail: true,
      reason: true,
      actor: { select: { nameZh: true, nameEn: true } },
    },
  })
  return rows.map((r) => ({ ...r, id: String(r.id) }))
}
