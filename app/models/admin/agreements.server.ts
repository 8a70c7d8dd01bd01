// Partner agreements (decision 23): the administrator records each signed agreement with its
// period, places per year and colleges; the renewal list shows those ending within 90 days.
import { academicYearOf } from '~/domain/academic-year'
import { renewalHorizon } from '~/domain/agreements'
import { shanghaiDate, shanghaiNoon } from '~/domain/dates'
import { randomUUID } from 'node:crypto'
import { sanitizeFileName } from '~/domain/file-type'
import { notFound, refuse, refuseFields, type Result } from '~/domain/result'
import type { SessionUser } from '~/lib/auth.server'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import { deleteObject } from '~/lib/storage.server'
import { storeCheckedFile } from '../document.server'
import type { AgreementInput } from '~/schemas/admin'
import { partnerBalance } from '../agreement-places.server'
import { snapshot, type SaveResult } from './common.server'

const agreementSelect = {
  id: true,
  partnerId: true,
  type: true,
  startsOn: true,
  endsOn: true,
  placesOut: true,
  placesIn: true,
  note: true,
  signedName: true,
  signedSize: true,
  retiredAt: true,
  version: true,
  colleges: { select: { id: true, nameZh: true, nameEn: true }, orderBy: { code: 'asc' } },
} as const

/** An agreement as its page shows it: days as yyyy-mm-dd. */
function view<T extends { startsOn: Date; endsOn: Date }>(row: T) {
  return { ...row, startsOn: shanghaiDate(row.startsOn), endsOn: shanghaiDate(row.endsOn) }
}

/** A partner's agreements, latest first, and its exchange balance this academic year. */
export async function partnerAgreements(partnerId: string, now = new Date()) {
  const year = academicYearOf(now)
  const [rows, balance] = await Promise.all([
    prisma.partnerAgreement.findMany({ where: { partnerId }, orderBy: [{ endsOn: 'desc' }, { id: 'asc' }], select: agreementSelect }),
    partnerBalance(prisma, partnerId, year),
  ])
  return { agreements: rows.map(view), balance: { year, ...balance } }
}

export async function findAgreement(id: string) {
  const row = await prisma.partnerAgreement.findUnique({
    where: { id },
    select: { ...agreementSelect, partner: { select: { id: true, nameZh: true, nameEn: true } } },
  })
  return row && view(row)
}

export const findPartnerName = (id: string) =>
  prisma.partnerInstitution.findUnique({ where: { id }, select: { id: true, nameZh: true, nameEn: true } })

/** The agreements ending within the renewal window from today (and not ended yet), soonest first. */
export async function renewalList(now = new Date()) {
  const today = shanghaiDate(now)
  const rows = await prisma.partnerAgreement.findMany({
    where: {
      retiredAt: null,
      endsOn: { gte: shanghaiNoon(today), lte: shanghaiNoon(renewalHorizon(today)) },
      partner: { retiredAt: null },
    },
    orderBy: [{ endsOn: 'asc' }, { id: 'asc' }],
    select: { ...agreementSelect, partner: { select: { id: true, nameZh: true, nameEn: true, countryZh: true, countryEn: true } } },
  })
  return rows.map(view)
}

/** Saves an agreement; an edit applies only to the version the administrator saw. */
export async function saveAgreement(actor: SessionUser, id: string | undefined, input: AgreementInput): Promise<SaveResult> {
  return prisma.$transaction(async (tx) => {
    const before = id ? await tx.partnerAgreement.findUnique({ where: { id }, include: { colleges: { select: { id: true } } } }) : null
    if (id && !before) return notFound()
    const partner = await tx.partnerInstitution.findUnique({ where: { id: input.partnerId }, select: { id: true } })
    if (!partner) return refuseFields({ partnerId: 'agreements.error.partner' })
    const known = await tx.college.count({ where: { id: { in: input.colleges } } })
    if (known !== input.colleges.length) return refuseFields({ colleges: 'agreements.error.college' })
    const data = {
      partnerId: input.partnerId,
      type: input.type,
      startsOn: shanghaiNoon(input.startsOn),
      endsOn: shanghaiNoon(input.endsOn),
      placesOut: input.placesOut ?? null,
      placesIn: input.placesIn ?? null,
      note: input.note ?? '',
    }
    const colleges = input.colleges.map((collegeId) => ({ id: collegeId }))
    if (before) {
      const updated = await tx.partnerAgreement.updateMany({
        where: { id: before.id, version: input.version ?? before.version },
        data: { ...data, version: { increment: 1 } },
      })
      if (updated.count !== 1) return refuse('agreements.error.stale')
      await tx.partnerAgreement.update({ where: { id: before.id }, data: { colleges: { set: colleges } } })
    }
    const row = before
      ? await tx.partnerAgreement.findUniqueOrThrow({ where: { id: before.id }, include: { colleges: { select: { id: true } } } })
      : await tx.partnerAgreement.create({
          data: { ...data, colleges: { connect: colleges } },
          include: { colleges: { select: { id: true } } },
        })
    await recordAudit(tx, {
      actorId: actor.id,
      action: before ? 'agreement.update' : 'agreement.create',
      entityType: 'agreement',
      entityId: row.id,
      ...(before && { before: snapshot(before) }),
      after: snapshot(row),
    })
    return { ok: true, id: row.id }
  })
}

/**
 * Stores the agreement's signed copy (a PDF) on S3 and points the agreement at it; the copy it
 * replaces is deleted after the change is committed. A refused or failed upload leaves no object.
 */
export async function uploadSignedCopy(
  actor: SessionUser,
  id: string,
  fileName: string,
  stream: AsyncIterable<Uint8Array>,
): Promise<Result<{ id: string }>> {
  const name = sanitizeFileName(fileName)
  if (!name.ok) return refuse('agreements.error.notPdf')
  if (!(await prisma.partnerAgreement.count({ where: { id } }))) return notFound()
  const key = `agreements/${id}/${randomUUID()}`
  const stored = await storeCheckedFile(key, stream)
  if (!stored.ok) return stored
  if (stored.contentType !== 'application/pdf') {
    await deleteObject(key)
    return refuse('agreements.error.notPdf')
  }
  let replaced: string | null = null
  try {
    replaced = await prisma.$transaction(async (tx) => {
      const before = await tx.partnerAgreement.findUniqueOrThrow({ where: { id }, select: { signedKey: true, signedName: true } })
      const after = { signedKey: key, signedName: name.name, signedSize: stored.size, signedSha256: stored.sha256 }
      await tx.partnerAgreement.update({ where: { id }, data: { ...after, version: { increment: 1 } } })
      await recordAudit(tx, {
        actorId: actor.id,
        action: 'agreement.signed',
        entityType: 'agreement',
        entityId: id,
        before: { signedName: before.signedName },
        after: { signedName: name.name, signedSize: stored.size, signedSha256: stored.sha256 },
      })
      return before.signedKey
    })
  } catch (error) {
    await deleteObject(key).catch((e) => console.error('[agreements] could not delete', key, e))
    throw error
  }
  if (replaced) await deleteObject(replaced).catch((e) => console.error('[agreements] could not delete', replaced, e))
  return { ok: true, id }
}

/** The signed copy to download: its key, name and size, or null. */
export function signedCopy(id: string) {
  return prisma.partnerAgreement.findFirst({
    where: { id, signedKey: { not: null } },
    select: { signedKey: true, signedName: true, signedSize: true },
  })
}
