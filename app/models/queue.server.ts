import { hasRole } from '~/domain/roles'
import type { ApplicationStatus, Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import type { Command } from '~/domain/workflow'
import { env } from '~/lib/env.server'
import { parseQueueFilters, type QueueFilters } from '~/schemas/queue'
import { decideMany } from './review.server'

export const QUEUE_PAGE_SIZE = 50
const DAY = 86_400_000

/**
 * The applications a reviewer may see: the office (and admins) every college, a college reviewer
 * only their own; never drafts, never one the reviewer declared a conflict of interest on. The
 * conflicts are read first: a short id list the planner excludes cheaply, where a per-row
 * NOT EXISTS on reviews cost several times the whole page on 100k applications (bench/).
 */
export async function reviewerScope(actor: SessionUser): Promise<Prisma.ApplicationWhereInput> {
  const everyCollege = hasRole(actor.roles, ['office_reviewer', 'admin'])
  const conflicts = await prisma.review.findMany({ where: { reviewerId: actor.id, conflict: true }, select: { applicationId: true } })
  return {
    status: { not: 'draft' },
    ...(everyCollege ? {} : { collegeId: actor.collegeId ?? '__none__' }),
    ...(conflicts.length && { id: { notIn: conflicts.map((c) => c.applicationId) } }),
  }
}

export async function reviewQueue(actor: SessionUser, filters: QueueFilters, now = new Date()) {
  const scope = await reviewerScope(actor)
  const q = filters.q
  const where: Prisma.ApplicationWhereInput = {
    AND: [
      scope,
      filters.status && filters.status !== 'all' ? { status: filters.status as ApplicationStatus } : {},
      filters.kind ? { kind: filters.kind } : {},
      filters.programId ? { programId: filters.programId } : {},
      filters.collegeId ? { collegeId: filters.collegeId } : {},
      filters.level ? { applicant: { level: filters.level } } : {},
      filters.closesWithinDays !== undefined
        ? { program: { closesAt: { gte: now, lte: new Date(now.getTime() + filters.closesWithinDays * DAY) } } }
        : {},
      q
        ? {
            applicant: {
              OR: [
                { nameZh: { contains: q } },
                { nameEn: { contains: q, mode: 'insensitive' } },
                { studentNumber: { startsWith: q.toUpperCase() } },
              ],
            },
          }
        : {},
    ],
  }
  const orderBy: Prisma.ApplicationOrderByWithRelationInput[] =
    filters.sort === 'newest'
      ? [{ submittedAt: 'desc' }]
      : filters.sort === 'name'
        ? [{ applicant: { nameEn: 'asc' } }]
        : filters.sort === 'deadline'
          ? [{ program: { closesAt: 'asc' } }]
          : [{ statusChangedAt: 'asc' }]
  const [rows, total, counts] = await Promise.all([
    prisma.application.findMany({
      where,
      orderBy: [...orderBy, { id: 'asc' }],
      skip: (filters.page - 1) * QUEUE_PAGE_SIZE,
      take: QUEUE_PAGE_SIZE,
      select: {
        id: true,
        kind: true,
        status: true,
        version: true,
        statusChangedAt: true,
        submittedAt: true,
        applicant: { select: { nameZh: true, nameEn: true, studentNumber: true, level: true } },
        college: { select: { nameZh: true, nameEn: true } },
        program: { select: { id: true, titleZh: true, titleEn: true, closesAt: true } },
      },
    }),
    prisma.application.count({ where }),
    prisma.application.groupBy({ by: ['status'], where: scope, _count: { _all: true } }),
  ])
  return {
    rows,
    total,
    page: filters.page,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE_SIZE)),
    counts: Object.fromEntries(counts.map((c) => [c.status, c._count._all])) as Partial<Record<ApplicationStatus, number>>,
  }
}

/** Programs and colleges with applications in the reviewer's scope, for the filter menus. */
export async function queueFacets(actor: SessionUser) {
  const scope = await reviewerScope(actor)
  const [programs, colleges] = await Promise.all([
    prisma.program.findMany({
      where: { applications: { some: scope } },
      select: { id: true, titleZh: true, titleEn: true },
      orderBy: { closesAt: 'desc' },
    }),
    hasRole(actor.roles, ['office_reviewer', 'admin'])
      ? prisma.college.findMany({ where: { retiredAt: null }, select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: 'asc' } })
      : Promise.resolve([]),
  ])
  return { programs, colleges }
}

// The college and office queues differ only in who may see what and which bulk decisions they
// offer; both pages load and act through these two functions.

/** The queue page's data; without a status filter it shows `pendingStatus`, the reviewer's own work. */
export async function loadQueue(actor: SessionUser, request: Request, pendingStatus: ApplicationStatus) {
  const filters = parseQueueFilters(new URL(request.url).searchParams, pendingStatus)
  const [queue, facets] = await Promise.all([reviewQueue(actor, filters), queueFacets(actor)])
  return { queue, facets, status: filters.status, stuckDays: env().REVIEW_REMINDER_DAYS, now: new Date() }
}

/** Bulk decision on the selected rows ("id:version" each), one decision per application. */
export async function bulkDecide(actor: SessionUser, formData: FormData, allowed: readonly Command[]) {
  const command = formData.get('command')
  if (typeof command !== 'string' || !allowed.includes(command as Command)) return { ok: 0, failed: 0 }
  const reason = String(formData.get('reason') ?? '').slice(0, 2000)
  const inputs = formData
    .getAll('ids')
    .map(String)
    .slice(0, 200)
    .map((value) => {
      const [applicationId, version] = value.split(':')
      return { applicationId, version: Number(version), command: command as Command, reason: reason || undefined }
    })
    .filter((i) => i.applicationId && Number.isInteger(i.version))
  if (!inputs.length) return { ok: 0, failed: 0 }
  const results = await decideMany(actor, inputs)
  const ok = results.filter((r) => r.ok).length
  return { ok, failed: results.length - ok }
}
