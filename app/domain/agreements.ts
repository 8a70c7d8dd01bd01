// Partner agreements (decision 23): which agreement gives a partner's places in an academic year,
// which agreements are due for renewal, and when a partner's programs close because every
// agreement has ended. Dates are Beijing calendar days (yyyy-mm-dd); no I/O.
import { academicYearBounds } from './academic-year'
import { addDays, shanghaiDate } from './dates'

export const agreementTypes = ['exchange', 'joint_training', 'dual_degree', 'framework'] as const
export type AgreementType = (typeof agreementTypes)[number]

export const partnerMemberships = ['china_poland_alliance'] as const
export type PartnerMembership = (typeof partnerMemberships)[number]

/** An agreement ending within this many days is on the renewal list (and its reminder is sent). */
export const RENEWAL_WINDOW_DAYS = 90

export type AgreementPeriod = {
  type: AgreementType
  /** First and last day, yyyy-mm-dd in Beijing. */
  startsOn: string
  endsOn: string
  placesOut: number | null
  placesIn: number | null
  retired: boolean
  /** The colleges that may use it; empty: every college. */
  collegeIds: readonly string[]
}

/** The first and last day of an academic year ("2026-2027": 2026-09-01 to 2027-08-31). */
function yearDays(academicYear: string): { first: string; last: string } {
  const { start, end } = academicYearBounds(academicYear)
  return { first: shanghaiDate(start), last: shanghaiDate(end) }
}

/**
 * The places an academic year gives the partner's students going out (or its students coming in),
 * across all its programs: of the agreements in force at some time in the year, the latest-starting
 * of each type (a renewal replaces the agreement it renews), added up over the types. Null when
 * none of them names places (no limit).
 */
export function placesFor(
  agreements: readonly AgreementPeriod[],
  academicYear: string,
  direction: 'placesOut' | 'placesIn' = 'placesOut',
): number | null {
  const { first, last } = yearDays(academicYear)
  const latest = new Map<AgreementType, AgreementPeriod>()
  for (const a of agreements) {
    if (a.retired || a.startsOn > last || a.endsOn < first) continue
    const current = latest.get(a.type)
    if (!current || a.startsOn > current.startsOn) latest.set(a.type, a)
  }
  const limits = [...latest.values()].map((a) => a[direction]).filter((n): n is number => n !== null)
  return limits.length ? limits.reduce((sum, n) => sum + n, 0) : null
}

/** In force on `today` (yyyy-mm-dd in Beijing). */
export function inForce(agreement: Pick<AgreementPeriod, 'startsOn' | 'endsOn' | 'retired'>, today: string): boolean {
  return !agreement.retired && agreement.startsOn <= today && today <= agreement.endsOn
}

/** Ends within the renewal window from `today`, and has not ended yet. */
export function dueForRenewal(agreement: Pick<AgreementPeriod, 'endsOn' | 'retired'>, today: string): boolean {
  return !agreement.retired && agreement.endsOn >= today && agreement.endsOn <= addDays(today, RENEWAL_WINDOW_DAYS)
}

/** The last day an agreement may end on to be on the renewal list today. */
export const renewalHorizon = (today: string) => addDays(today, RENEWAL_WINDOW_DAYS)

/**
 * A partner's programs take no new applications once every agreement with it has ended: the
 * partner has agreements (not retired), and none ends today or later. A partner without any
 * agreement on record is not closed by this rule.
 */
export function agreementsExpired(agreements: readonly Pick<AgreementPeriod, 'endsOn' | 'retired'>[], today: string): boolean {
  const current = agreements.filter((a) => !a.retired)
  return current.length > 0 && current.every((a) => a.endsOn < today)
}

/**
 * Whether a student of the college may start an application to the partner's programs: some
 * agreement in force today names no colleges or names theirs. With none in force (not yet
 * started, or ended: agreementsExpired closes those) the colleges do not restrict anyone.
 */
export function openToCollege(agreements: readonly AgreementPeriod[], collegeId: string, today: string): boolean {
  const current = agreements.filter((a) => inForce(a, today))
  return current.length === 0 || current.some((a) => a.collegeIds.length === 0 || a.collegeIds.includes(collegeId))
}

/** Students sent vs places, for a partner's exchange balance in one academic year. */
export type ExchangeBalance = { sent: number; placesOut: number | null; placesIn: number | null; left: number | null }

export function exchangeBalance(sent: number, placesOut: number | null, placesIn: number | null): ExchangeBalance {
  return { sent, placesOut, placesIn, left: placesOut === null ? null : Math.max(0, placesOut - sent) }
}
