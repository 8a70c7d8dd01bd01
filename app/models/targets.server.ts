// Yearly targets (Target): the university-wide number per kind and its split per college.
import { refuse, type Result } from '~/domain/result'
import { policyTargets, previousAcademicYear, targetKinds, UNIVERSITY_SCOPE, type TargetKind } from '~/domain/policy'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { TargetGrid } from '~/schemas/targets'
import { activeColleges } from './college.server'

/** A year's saved targets as scope → kind → count. */
async function targetGrid(year: string): Promise<TargetGrid> {
  const rows = await prisma.target.findMany({ where: { academicYear: year }, orderBy: [{ scopeKey: 'asc' }, { kind: 'asc' }] })
  const grid: TargetGrid = {}
  for (const r of rows) grid[r.scopeKey] = { ...grid[r.scopeKey], [r.kind]: r.count }
  return grid
}

/** The policy's numbers, university-wide (section 1.3), for a year without targets. */
const policyGrid = (): TargetGrid => ({ [UNIVERSITY_SCOPE]: { ...policyTargets } })

/**
 * What the form opens with: the saved targets; or, not saved yet, last year's (when asked) or the
 * policy's defaults. `source` says which, so the page can say the numbers are not saved.
 */
export async function targetsForm(year: string, prefill: 'last' | 'policy' | undefined) {
  const [saved, colleges] = await Promise.all([targetGrid(year), activeColleges()])
  const previousYear = previousAcademicYear(year)
  if (prefill === 'last') {
    const last = await targetGrid(previousYear)
    if (Object.keys(last).length) return { grid: last, source: 'last' as const, colleges, previousYear }
  }
  if (prefill === 'policy' || !Object.keys(saved).length) return { grid: policyGrid(), source: 'policy' as const, colleges, previousYear }
  return { grid: saved, source: 'saved' as const, colleges, previousYear }
}

/** Saved, or refused for a table out of date (a college it names is gone): the form's message. */
export type SaveTargetsResult = Result<{ changed: number }>

/**
 * Replaces the year's targets of the university and the active colleges with `grid` (a blank cell
 * removes that target), in one transaction with one audit row holding before and after.
 */
export async function saveTargets(actor: SessionUser, year: string, grid: TargetGrid): Promise<SaveTargetsResult> {
  const colleges = await activeColleges()
  const scopes = new Set([UNIVERSITY_SCOPE, ...colleges.map((c) => c.id)])
  const unknownScopes = Object.keys(grid).filter((s) => !scopes.has(s))
  if (unknownScopes.length) return refuse('targets.error.unknownScope')

  return prisma.$transaction(async (tx) => {
    const existing = await tx.target.findMany({ where: { academicYear: year, scopeKey: { in: [...scopes] } } })
    const before: TargetGrid = {}
    for (const r of existing) before[r.scopeKey] = { ...before[r.scopeKey], [r.kind]: r.count }
    const after: TargetGrid = {}
    let changed = 0
    for (const scopeKey of scopes) {
      for (const kind of targetKinds) {
        const old = before[scopeKey]?.[kind]
        const now = grid[scopeKey]?.[kind]
        if (now !== undefined) after[scopeKey] = { ...after[scopeKey], [kind]: now }
        if (old === now) continue
        changed++
        const key = { academicYear_kind_scopeKey: { academicYear: year, kind, scopeKey } }
        if (now === undefined) await tx.target.delete({ where: key })
        else
          await tx.target.upsert({
            where: key,
            update: { count: now },
            create: {
              academicYear: year,
              kind: kind as TargetKind,
              scopeKey,
              collegeId: scopeKey === UNIVERSITY_SCOPE ? null : scopeKey,
              count: now,
            },
          })
      }
    }
    if (changed) {
      await recordAudit(tx, { actorId: actor.id, action: 'targets.update', entityType: 'TargetYear', entityId: year, before, after })
    }
    return { ok: true as const, changed }
  })
}
