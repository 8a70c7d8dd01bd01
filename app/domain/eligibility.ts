// Eligibility checked on submit. Each failure carries an i18n key under `eligibility.*` saying why.
import { shanghaiDate } from './dates'
import { formatLanguageRequirement, languageShortfall, scoreScales, type LanguageTest } from './language'
import type { ProgramKind, ProgramRequirements } from './program'
import type { StudentLevel } from './roles'
import { isActive, isFull, type ApplicationStatus } from './workflow'

export { programRequirementsSchema } from './program'

export const gpaScales = ['4.0', '4.3', '5.0', '100'] as const
export type GpaScale = (typeof gpaScales)[number]

export const gpaScaleMax: Record<GpaScale, number> = { '4.0': 4, '4.3': 4.3, '5.0': 5, '100': 100 }

/**
 * GPA on the 4.0 scale, following the conversions common at Chinese universities:
 * a percentage average p counts as (p − 50) / 10 (90 → 4.0, 85 → 3.5, 60 → 1.0);
 * the Chinese 5-point scale is defined by the same formula (p / 10 − 5), so only its top is capped;
 * the 4.3 scale is the 4.0 scale with A+ = 4.3, so it is capped too.
 */
export function normaliseGpa(gpa: number, scale: GpaScale): number {
  const fourPoint = scale === '100' ? (gpa - 50) / 10 : gpa
  return Math.min(4, Math.max(0, fourPoint))
}

type OtherApplication = { id: string; kind: string; academicYear: string; status: ApplicationStatus }

/**
 * The student's other application that keeps them from applying to this program: one active
 * application per kind and academic year, and conference funding at most once a year (a funded
 * conference application is also active: the more telling reason wins). Null when none does.
 */
export function applicationInTheWay<A extends OtherApplication>(
  applications: readonly A[],
  program: { kind: string; academicYear: string },
  exceptId?: string,
): { code: 'eligibility.conferenceAlreadyFunded' | 'eligibility.alreadyActive'; application: A } | null {
  const sameYearKind = applications.filter((a) => a.id !== exceptId && a.kind === program.kind && a.academicYear === program.academicYear)
  const funded = program.kind === 'conference' && sameYearKind.find((a) => a.status === 'approved' || a.status === 'completed')
  if (funded) return { code: 'eligibility.conferenceAlreadyFunded', application: funded }
  const active = sameYearKind.find((a) => isActive(a.status))
  return active ? { code: 'eligibility.alreadyActive', application: active } : null
}

export const eligibilityCodes = [
  'eligibility.levelNotAllowed',
  'eligibility.notOpenYet',
  'eligibility.deadlinePassed',
  'eligibility.agreementEnded',
  'eligibility.gpaMissing',
  'eligibility.gpaTooLow',
  'eligibility.languageMissing',
  'eligibility.languageTestNotAccepted',
  'eligibility.languageTooLow',
  'eligibility.alreadyActive',
  'eligibility.conferenceAlreadyFunded',
  'eligibility.quotaFull',
] as const
export type EligibilityCode = (typeof eligibilityCodes)[number]

/** What a finding's message names: a level or a status by its value (shown through its own message), the rest as they are. */
export type FindingParams = { level?: StudentLevel | ''; status?: ApplicationStatus } & Record<string, string | number>

export interface Finding {
  code: EligibilityCode
  params: FindingParams
}

export interface EligibilityInput {
  now: Date
  program: {
    kind: ProgramKind
    academicYear: string
    /** Empty: open to every level. */
    levels: readonly StudentLevel[]
    opensAt: Date
    closesAt: Date
    quota: number | null
    /** Applications holding a place now (workflow.ts placeStatuses, counted by models/program.server.ts placesTaken). */
    placesTaken: number
    requirements: ProgramRequirements
    /** Every agreement with the program's partner has ended (agreements.ts agreementsExpired): no new applications. */
    agreementEnded?: boolean
  }
  applicant: { level: StudentLevel | null }
  answers: { gpa?: number; gpaScale?: GpaScale; languageTest?: LanguageTest; languageScore?: number }
  /** The applicant's applications; the one being checked (by id) is ignored. */
  applications: readonly { id: string; kind: ProgramKind; academicYear: string; status: ApplicationStatus }[]
  applicationId?: string
  /** The checked application's status now: the application window binds a draft only (submissionWindowApplies). */
  status: ApplicationStatus
}

/**
 * Whether the program's application window (opensAt to closesAt) binds an application in this
 * status. It binds the first submission only, so only a draft: an application sent back for
 * changes is usually reviewed after the window has closed, and its resubmission may come at any
 * time; one already submitted was in time when it was sent. Used by the submit command and by
 * every page that shows the deadline for an application.
 */
export function submissionWindowApplies(status: ApplicationStatus): boolean {
  return status === 'draft'
}

// Comparisons of decimals typed by people: 4.125 × 0.8 and friends must not miss by 1e-16.
const EPSILON = 1e-9
const round2 = (n: number) => Math.round(n * 100) / 100

/**
 * Failures block submission. Warnings do not: a full quota is one, because the office can still
 * waitlist the application and a withdrawal promotes the first waitlisted.
 * Both ends of the application window are inclusive: submitting at closesAt itself is in time.
 * The window binds the first submission only (submissionWindowApplies).
 */
export function checkEligibility(input: EligibilityInput): { ok: boolean; failures: Finding[]; warnings: Finding[] } {
  const { now, program, applicant, answers } = input
  const failures: Finding[] = []
  const warnings: Finding[] = []
  const fail = (code: EligibilityCode, params: Finding['params'] = {}) => failures.push({ code, params })

  if (program.levels.length > 0 && !(applicant.level && program.levels.includes(applicant.level))) {
    fail('eligibility.levelNotAllowed', { level: applicant.level ?? '' })
  }

  if (submissionWindowApplies(input.status)) {
    if (now < program.opensAt) fail('eligibility.notOpenYet', { opensAt: shanghaiDate(program.opensAt) })
    else if (now > program.closesAt) fail('eligibility.deadlinePassed', { closesAt: shanghaiDate(program.closesAt) })
    if (program.agreementEnded) fail('eligibility.agreementEnded')
  }

  const { minGpa, language } = program.requirements
  if (minGpa !== undefined) {
    if (answers.gpa === undefined || !answers.gpaScale) fail('eligibility.gpaMissing', { min: minGpa })
    else {
      const gpa = normaliseGpa(answers.gpa, answers.gpaScale)
      if (gpa + EPSILON < minGpa) fail('eligibility.gpaTooLow', { gpa: round2(gpa), min: minGpa })
    }
  }

  const shortfall = languageShortfall(language, { test: answers.languageTest, score: answers.languageScore })
  if (shortfall && language) {
    const accepted = formatLanguageRequirement(language)
    if (shortfall.reason === 'missing') fail('eligibility.languageMissing', { accepted })
    else if (shortfall.reason === 'notAccepted') fail('eligibility.languageTestNotAccepted', { accepted })
    else
      fail('eligibility.languageTooLow', { test: scoreScales[shortfall.test].label, score: shortfall.score, min: shortfall.min, accepted })
  }

  const inTheWay = applicationInTheWay(input.applications, program, input.applicationId)
  if (inTheWay?.code === 'eligibility.conferenceAlreadyFunded')
    fail(inTheWay.code, { applicationId: inTheWay.application.id, academicYear: program.academicYear })
  else if (inTheWay)
    fail(inTheWay.code, { applicationId: inTheWay.application.id, status: inTheWay.application.status, academicYear: program.academicYear })

  if (program.quota !== null && isFull(program.quota, program.placesTaken)) {
    warnings.push({ code: 'eligibility.quotaFull', params: { quota: program.quota, taken: program.placesTaken } })
  }

  return { ok: failures.length === 0, failures, warnings }
}
