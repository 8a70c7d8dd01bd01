import { readQuestions } from '~/domain/program-questions'
import type { Prisma } from '~/generated/prisma/client'
import { shanghaiDate, shanghaiNoon } from '~/domain/dates'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { ListQuery, ProgramInput } from '~/schemas/admin'
import { pageInfo, paging, retiredFilter, snapshot, yuanInputs, type FieldErrors, type SaveResult } from './common.server'
import { notFound, refuseFields } from '~/domain/result'

const HALF_DAY_MS = 12 * 3600 * 1000

// A program opens at the first instant of its opening day and closes at the last instant of its
// closing day, both in Beijing time: "closes on 30 June" accepts applications all that day.
const dayStart = (iso: string) => new Date(shanghaiNoon(iso).getTime() - HALF_DAY_MS)
const dayEnd = (iso: string) => new Date(shanghaiNoon(iso).getTime() + HALF_DAY_MS - 1)

export async function listPrograms(query: ListQuery) {
  const where: Prisma.ProgramWhereInput = {
    ...retiredFilter(query.show),
    ...(query.kind && { kind: query.kind }),
    ...(query.year && { academicYear: query.year }),
    ...(query.q && {
      OR: [
        { titleZh: { contains: query.q } },
        { titleEn: { contains: query.q, mode: 'insensitive' } },
        { partner: { nameZh: { contains: query.q } } },
        { partner: { nameEn: { contains: query.q, mode: 'insensitive' } } },
      ],
    }),
  }
  const [rows, total, years] = await Promise.all([
    prisma.program.findMany({
      where,
      orderBy: [{ closesAt: 'desc' }, { id: 'asc' }],
      ...paging(query),
      include: { partner: { select: { nameZh: true, nameEn: true } }, _count: { select: { applications: true } } },
    }),
    prisma.program.count({ where }),
    prisma.program.findMany({ distinct: ['academicYear'], select: { academicYear: true }, orderBy: { academicYear: 'desc' } }),
  ])
  return { rows, years: years.map((y) => y.academicYear), ...pageInfo(total, query.page) }
}

export const findProgram = (id: string) => prisma.program.findUnique({ where: { id } })

/** Funds a program may draw on: current ones, plus the one already chosen. */
export function fundOptions(keepId?: string | null) {
  return prisma.fund.findMany({
    where: { OR: [{ retiredAt: null }, ...(keepId ? [{ id: keepId }] : [])] },
    orderBy: [{ academicYear: 'desc' }, { nameEn: 'asc' }],
    select: { id: true, nameZh: true, nameEn: true, academicYear: true, kinds: true },
  })
}

/** The form's values for an existing program (dates as Beijing days, stipends in yuan). */
export function programFormValues(program: NonNullable<Awaited<ReturnType<typeof findProgram>>>) {
  const requirements = program.requirements as { minGpa?: number; language?: Record<string, number> }
  const stipend = (program.stipendRules as { monthlyFenByRegion?: Record<string, number> }).monthlyFenByRegion ?? {}
  return {
    ...program,
    partnerId: program.partnerId ?? undefined,
    fundId: program.fundId ?? undefined,
    quota: program.quota ?? undefined,
    opensOn: shanghaiDate(program.opensAt),
    closesOn: shanghaiDate(program.closesAt),
    startsOn: program.startsOn ? shanghaiDate(program.startsOn) : undefined,
    endsOn: program.endsOn ? shanghaiDate(program.endsOn) : undefined,
    minGpa: requirements.minGpa,
    language: requirements.language ?? {},
    stipend: yuanInputs(stipend),
    questions: Object.fromEntries(readQuestions(program.questions).map((q) => [q.id, q])),
  }
}

/**
 * Creates or updates a program. The partner must exist (and be current, unless it is the one the
 * program already had); the fund must be of the program's academic year and pay for its kind.
 */
export async function saveProgram(actor: SessionUser, id: string | undefined, input: ProgramInput): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    const before = id ? await tx.program.findUnique({ where: { id } }) : null
    if (id && !before) return notFound()
    const errors: FieldErrors = {}
    const partnerId = input.partnerId ?? null
    if (partnerId) {
      const partner = await tx.partnerInstitution.findUnique({ where: { id: partnerId } })
      if (!partner || (partner.retiredAt && before?.partnerId !== partnerId)) errors.partnerId = 'adminConfig.error.partnerUnknown'
    }
    const fundId = input.fundId ?? null
    if (fundId) {
      const fund = await tx.fund.findUnique({ where: { id: fundId } })
      if (!fund || (fund.retiredAt && before?.fundId !== fundId)) errors.fundId = 'adminConfig.error.fundUnknown'
      else if (fund.academicYear !== input.academicYear) errors.fundId = 'adminConfig.error.fundYear'
      else if (!fund.kinds.includes(input.kind)) errors.fundId = 'adminConfig.error.fundKind'
    }
    if (Object.keys(errors).length) return refuseFields(errors)
    const data = {
      kind: input.kind,
      partnerId,
      academicYear: input.academicYear,
      titleZh: input.titleZh,
      titleEn: input.titleEn,
      descriptionZh: input.descriptionZh,
      descriptionEn: input.descriptionEn,
      levels: input.levels,
      quota: input.quota ?? null,
      opensAt: dayStart(input.opensOn),
      closesAt: dayEnd(input.closesOn),
      startsOn: input.startsOn ? shanghaiNoon(input.startsOn) : null,
      endsOn: input.endsOn ? shanghaiNoon(input.endsOn) : null,
      requirements: input.requirements,
      requiredDocuments: input.requiredDocuments,
      fundId,
      stipendRules: input.stipend,
      questions: input.questions,
    }
    const row = before ? await tx.program.update({ where: { id: before.id }, data }) : await tx.program.create({ data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? 'program.update' : 'program.create',
      entityType: 'program',
      entityId: row.id,
      ...(before && { before: snapshot(before) }),
      after: snapshot(row),
    })
    return { ok: true, id: row.id }
  })
}
