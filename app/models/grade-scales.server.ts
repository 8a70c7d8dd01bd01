// Grade scales (decision 26): how a host's grades convert to home grades, set by the admin per
// partner, else per country, as bands (app/domain/learning-agreement.ts). The approver's
// recognition converts with the scale that applies to the application's partner.
import {
  applicableScale,
  countryScaleId,
  formatGradeScale,
  parseGradeScale,
  partnerScaleId,
  readBands,
  type GradeBand,
} from '~/domain/learning-agreement'
import { refuseFields, type Result } from '~/domain/result'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'

/** Every scale, for the admin's page: its id, what it applies to, its bands as text. */
export async function gradeScales() {
  const scales = await prisma.gradeScale.findMany({ orderBy: { id: 'asc' } })
  const partnerIds = scales.filter((s) => s.id.startsWith('partner:')).map((s) => s.id.slice('partner:'.length))
  const partners = await prisma.partnerInstitution.findMany({
    where: { id: { in: partnerIds } },
    select: { id: true, nameZh: true, nameEn: true },
  })
  return scales.map((s) => {
    const partner = partners.find((p) => partnerScaleId(p.id) === s.id) ?? null
    return {
      id: s.id,
      partner,
      countryCode: s.id.startsWith('country:') ? s.id.slice('country:'.length) : null,
      text: formatGradeScale(readBands(s.bands)),
    }
  })
}

/** Sets (replaces) a partner's or a country's scale from the admin's text; refused naming the line at fault. */
export async function setGradeScale(
  actor: SessionUser,
  input: { scope: 'partner' | 'country'; partnerId?: string; countryCode?: string; bands: string },
): Promise<Result> {
  let id: string
  if (input.scope === 'partner') {
    const partner = await prisma.partnerInstitution.findUnique({ where: { id: input.partnerId ?? '' }, select: { id: true } })
    if (!partner) return refuseFields({ partnerId: 'la.scales.error.scope' })
    id = partnerScaleId(partner.id)
  } else id = countryScaleId(input.countryCode ?? '')
  const parsed = parseGradeScale(input.bands)
  if (!parsed.ok) return refuseFields({ bands: { key: `la.scales.error.${parsed.problem.reason}`, params: { line: parsed.problem.line } } })
  const before = await prisma.gradeScale.findUnique({ where: { id } })
  await prisma.$transaction(async (tx) => {
    const data = { bands: parsed.bands, setById: actor.id, setAt: new Date() }
    await tx.gradeScale.upsert({ where: { id }, create: { id, ...data }, update: data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'grade_scale.set',
      entityType: 'grade_scale',
      entityId: id,
      before: before ? { bands: before.bands as Prisma.InputJsonValue } : undefined,
      after: { bands: parsed.bands },
    })
  })
  return { ok: true }
}

/** The bands that convert a partner's grades: its own scale, else its country's; null when neither is set. */
export async function scaleFor(
  db: Prisma.TransactionClient | typeof prisma,
  partner: { id: string; countryCode: string } | null,
): Promise<GradeBand[] | null> {
  if (!partner) return null
  const scales = await db.gradeScale.findMany({ where: { id: { in: [partnerScaleId(partner.id), countryScaleId(partner.countryCode)] } } })
  const scale = applicableScale(scales, partner)
  return scale ? readBands(scale.bands) : null
}
