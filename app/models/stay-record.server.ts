// The stay's row (decision 22), as the one door (status-change.server.ts) needs it: opened when an
// application is approved, and read to refuse a withdrawal once the student has departed. It
// imports no other model, so the door and the stay's commands both use it without a cycle.
import { isIsoDate } from '~/domain/dates'
import type { Prisma } from '~/generated/prisma/client'

type Tx = Prisma.TransactionClient

const dayOf = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : null)
export const dbDate = (iso: string) => new Date(`${iso}T00:00:00.000Z`)
/** A @db.Date column as YYYY-MM-DD. */
export const isoDay = (date: Date) => date.toISOString().slice(0, 10)

/** The stay's dates: the application's start and end dates, else the program's. */
function stayDates(application: { details: Prisma.JsonValue; program: { startsOn: Date | null; endsOn: Date | null } }, today: string) {
  const details = (application.details ?? {}) as { startDate?: unknown; endDate?: unknown }
  const start = isIsoDate(details.startDate) ? details.startDate : (dayOf(application.program.startsOn) ?? today)
  const end = isIsoDate(details.endDate) ? details.endDate : (dayOf(application.program.endsOn) ?? start)
  return { startsOn: start, endsOn: end < start ? start : end }
}

/** The application's stay, made when it is first needed (at approval, or for one approved before stays were kept). */
export async function openStay(tx: Tx, applicationId: string, now = new Date()) {
  const existing = await tx.stay.findUnique({ where: { applicationId } })
  if (existing) return existing
  const application = await tx.application.findUniqueOrThrow({
    where: { id: applicationId },
    select: {
      details: true,
      program: { select: { startsOn: true, endsOn: true, partner: { select: { countryCode: true } } } },
    },
  })
  const { startsOn, endsOn } = stayDates(application, now.toISOString().slice(0, 10))
  return tx.stay.upsert({
    where: { applicationId },
    create: {
      applicationId,
      startsOn: dbDate(startsOn),
      endsOn: dbDate(endsOn),
      countryCode: application.program.partner?.countryCode ?? null,
    },
    update: {},
  })
}

/** Whether the student has left (a withdrawal is then refused: the office cancels). */
export async function hasDeparted(tx: Tx, applicationId: string): Promise<boolean> {
  const stay = await tx.stay.findUnique({ where: { applicationId }, select: { departedAt: true } })
  return Boolean(stay?.departedAt)
}
