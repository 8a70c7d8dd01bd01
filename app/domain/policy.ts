// The internationalization policy's yearly targets (section 1.3) and the 281 partner plan
// (section 2.4), and the arithmetic the dashboard shows against them. No I/O.
import { partnerMemberships } from './agreements'
import { z } from 'zod'
import type { Locale } from '~/i18n'
import { countryCodeOf, countryName, isCountryCode } from './countries'
import type { ProgramKind } from './program'
import type { StudentLevel } from './roles'

export const targetKinds = ['undergraduate_abroad', 'graduate_joint_training', 'graduate_conference', 'faculty_abroad'] as const
export type TargetKind = (typeof targetKinds)[number]

/** The kinds the portal measures: faculty trips are not applications here. */
export const trackedTargetKinds = ['undergraduate_abroad', 'graduate_joint_training', 'graduate_conference'] as const
export type TrackedTargetKind = (typeof trackedTargetKinds)[number]

/** Per year, university-wide, as the policy sets them. */
export const policyTargets: Record<TargetKind, number> = {
  undergraduate_abroad: 800,
  graduate_joint_training: 150,
  graduate_conference: 300,
  faculty_abroad: 800,
}

/** The regions partners and stipend rules are grouped by (region.* messages in app/i18n/messages/catalogue.ts). */
export const regions = ['europe', 'asia', 'north_america', 'oceania', 'africa', 'latin_america', 'middle_east'] as const

/** The 281 plan: 20 comprehensive, 80 close, 100 general partners. */
export const partnerTiers = ['comprehensive', 'close', 'general'] as const
export type PartnerTier = (typeof partnerTiers)[number]
export const tierPlan: Record<PartnerTier, number> = { comprehensive: 20, close: 80, general: 100 }

/** The statuses in which an application is a mobility that happens (or happened). */
export const countedStatuses = ['approved', 'completed'] as const

/**
 * Which applications count toward which target: undergraduates' of any kind; graduates' joint
 * training and conference trips. A graduate's exchange counts toward none.
 */
export const targetRules: readonly { kind: TrackedTargetKind; levels: readonly StudentLevel[]; programKinds: readonly ProgramKind[] }[] = [
  { kind: 'undergraduate_abroad', levels: ['undergraduate'], programKinds: ['exchange', 'joint_training', 'conference'] },
  { kind: 'graduate_joint_training', levels: ['master', 'doctoral'], programKinds: ['joint_training'] },
  { kind: 'graduate_conference', levels: ['master', 'doctoral'], programKinds: ['conference'] },
]

export function targetKindOf(programKind: ProgramKind, level: StudentLevel | null): TrackedTargetKind | null {
  if (!level) return null
  return targetRules.find((r) => r.levels.includes(level) && r.programKinds.includes(programKind))?.kind ?? null
}

/** Percent of target, one decimal; null when there is no target to measure against. */
export function percentOf(count: number, target: number | null | undefined): number | null {
  if (!target) return null
  return Math.round((count * 1000) / target) / 10
}

/** A progress bar's width: the percent, capped at 100. */
export const barWidth = (percent: number | null) => Math.max(0, Math.min(100, percent ?? 0))

export type YearOverYear = { delta: number; percent: number | null }

/** This year against last: the difference and its percent of last year (null if last year was 0). */
export function yearOverYear(current: number, previous: number): YearOverYear {
  return { delta: current - previous, percent: previous === 0 ? null : Math.round(((current - previous) * 1000) / previous) / 10 }
}

/** A share in percent, one decimal; null when the whole is 0. */
export const shareOf = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part * 1000) / whole) / 10)

const ACADEMIC_YEAR = /^(\d{4})-(\d{4})$/

export function isAcademicYear(value: string): boolean {
  const m = ACADEMIC_YEAR.exec(value)
  return !!m && Number(m[2]) === Number(m[1]) + 1
}

export function shiftAcademicYear(year: string, by: number): string {
  const start = Number(year.slice(0, 4)) + by
  return `${start}-${start + 1}`
}

export const previousAcademicYear = (year: string) => shiftAcademicYear(year, -1)

/** The target table's scope: one college or the university as a whole. */
export const UNIVERSITY_SCOPE = 'university'

/** The university number and the sum of the college split differ (allowed, but shown). */
export function splitMismatch(university: number | undefined, collegeSum: number, collegesWithTarget: number): boolean {
  if (university === undefined || collegesWithTarget === 0) return false
  return university !== collegeSum
}

// ---- the drill-down: which applications stand behind a number ----------------------------------

const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined)
/** A cuid as the database makes them: anything else in a URL is ignored before it reaches a query. */
export const idSchema = z.string().regex(/^[a-z0-9]{10,40}$/)
/** Conference trips without a partner whose details name no country. */
export const NO_COUNTRY = '-'

/**
 * The dashboard row a conference country as typed counts under, and the drill-down filter value
 * of that row: the country's code if one is recognised in the text ("USA", "美国"), else the text
 * as typed, trimmed, so odd entries stay visible; NO_COUNTRY for blank.
 */
export function conferenceCountryKey(typed: string | null): string {
  const text = typed?.trim() ?? ''
  return countryCodeOf(text) ?? (text || NO_COUNTRY)
}

/** How a conference country row is labelled: the country's name in `locale`, the typed text, or null for NO_COUNTRY. */
export function conferenceCountryLabel(key: string, locale: Locale): string | null {
  if (key === NO_COUNTRY) return null
  return isCountryCode(key) ? countryName(key, locale) : key
}

/**
 * A figure of the dashboard as a filter: every number links to `/dashboard/applications` with
 * its filter, and app/models/dashboard.server.ts builds both the number and the list from it.
 */
export const mobilityFilterSchema = z.object({
  year: z.string().refine(isAcademicYear),
  college: optional(idSchema),
  /** 'none': counted toward no target (graduates' exchanges). */
  target: optional(z.enum([...trackedTargetKinds, 'none'])),
  /** With a partner institution or without (conference trips). */
  partner: optional(z.enum(['any', 'none'])),
  region: optional(z.string().regex(/^[a-z_]{1,40}$/)),
  country: optional(z.string().regex(/^[A-Z]{2}$/)),
  /** Trips without a partner, by the conference's country (conferenceCountryKey of the typed text). */
  conferenceCountry: optional(
    z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((v) => !v.includes('\0')),
  ),
  tier: optional(z.enum(partnerTiers)),
  /** Going to a Belt and Road country (belt-and-road.ts), by the partner's or the conference's country. */
  beltAndRoad: optional(z.enum(['1'])),
  /** Partners of an alliance (agreements.ts partnerMemberships): trips without a partner are left out. */
  membership: optional(z.enum(partnerMemberships)),
  /** Applications whose awards from this fund count as used (then year and status do not apply). */
  fund: optional(idSchema),
})
export type MobilityFilter = z.output<typeof mobilityFilterSchema>

/** The drill-down link of a figure. */
export function drillDownHref(filter: MobilityFilter, page?: number): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(filter)) if (value !== undefined) params.set(key, String(value))
  if (page && page > 1) params.set('page', String(page))
  return `/dashboard/applications?${params}`
}
