// Checks shown while the student types. Each warning names the field it is about and carries an
// i18n key saying what to fix. Drafts are incomplete: a missing or malformed value gives no warning.
import { academicYearBounds, academicYearOf } from './academic-year'
import { addDays, addMonths, isIsoDate, shanghaiDate, shanghaiNoon } from './dates'
import {
  formatLanguageRequirement,
  isScoredTest,
  languageShortfall,
  languageTests,
  scoreScales,
  type LanguageRequirement,
  type LanguageTest,
} from './language'
import type { ProgramKind } from './program'

export const warningCodes = [
  'warning.endBeforeStart',
  'warning.passportExpiresTooSoon',
  'warning.languageMissing',
  'warning.languageTestNotAccepted',
  'warning.languageTooLow',
  'warning.conferenceOutsideFundingYear',
  'warning.jointTrainingTooShort',
  'warning.jointTrainingTooLong',
] as const
export type WarningCode = (typeof warningCodes)[number]

export interface Warning {
  code: WarningCode
  params: Record<string, string | number>
  field: string
}

const PASSPORT_MONTHS_AFTER_RETURN = 6
const JOINT_TRAINING_MONTHS = { min: 6, max: 24 } as const

const date = (v: unknown): string | undefined => (isIsoDate(v) ? v : undefined)

export function dateOrderWarning(startDate: unknown, endDate: unknown): Warning | null {
  const start = date(startDate)
  const end = date(endDate)
  return start && end && end < start ? { code: 'warning.endBeforeStart', params: {}, field: 'endDate' } : null
}

/** The passport must stay valid at least six months after the mobility ends (visa rules). */
export function passportWarning(endDate: unknown, passportExpiry: unknown): Warning | null {
  const end = date(endDate)
  const expiry = date(passportExpiry)
  if (!end || !expiry) return null
  const validUntil = addMonths(end, PASSPORT_MONTHS_AFTER_RETURN)
  return expiry < validUntil
    ? { code: 'warning.passportExpiresTooSoon', params: { validUntil, months: PASSPORT_MONTHS_AFTER_RETURN }, field: 'passportExpiry' }
    : null
}

/**
 * Joint training lasts 6 to 24 months, counting both the first and the last day: 1 September to
 * 28 February is six months, 1 September 2026 to 31 August 2028 is twenty-four.
 */
export function jointTrainingLengthWarning(startDate: unknown, endDate: unknown): Warning | null {
  const start = date(startDate)
  const end = date(endDate)
  if (!start || !end || end < start) return null
  const dayAfter = addDays(end, 1)
  const { min, max } = JOINT_TRAINING_MONTHS
  if (dayAfter < addMonths(start, min)) {
    const earliestEnd = addDays(addMonths(start, min), -1)
    return { code: 'warning.jointTrainingTooShort', params: { months: min, earliestEnd }, field: 'endDate' }
  }
  if (dayAfter > addMonths(start, max)) {
    const latestEnd = addDays(addMonths(start, max), -1)
    return { code: 'warning.jointTrainingTooLong', params: { months: max, latestEnd }, field: 'endDate' }
  }
  return null
}

/** Conference funding is per academic year: both conference dates must fall inside it. */
export function conferenceYearWarning(academicYear: string | undefined, startDate: unknown, endDate: unknown): Warning | null {
  if (!academicYear) return null
  const { start, end } = academicYearBounds(academicYear)
  const params = { academicYear, from: shanghaiDate(start), to: shanghaiDate(end) }
  for (const [field, value] of [
    ['startDate', startDate],
    ['endDate', endDate],
  ] as const) {
    const day = date(value)
    if (day && academicYearOf(shanghaiNoon(day)) !== academicYear) {
      return { code: 'warning.conferenceOutsideFundingYear', params, field }
    }
  }
  return null
}

/** The score against the program's requirement; says nothing until a test (and its score) is given. */
export function languageWarning(requirement: LanguageRequirement | undefined, testValue: unknown, scoreValue: unknown): Warning | null {
  const test = (languageTests as readonly unknown[]).includes(testValue) ? (testValue as LanguageTest) : undefined
  const score =
    typeof scoreValue === 'number' ? scoreValue : typeof scoreValue === 'string' && scoreValue.trim() ? Number(scoreValue) : undefined
  if (!test || (isScoredTest(test) && (score === undefined || !Number.isFinite(score)))) return null
  const shortfall = languageShortfall(requirement, { test, score })
  if (!shortfall || !requirement) return null
  const accepted = formatLanguageRequirement(requirement)
  switch (shortfall.reason) {
    case 'missing':
      return { code: 'warning.languageMissing', params: { accepted }, field: 'languageTest' }
    case 'notAccepted':
      return { code: 'warning.languageTestNotAccepted', params: { accepted }, field: 'languageTest' }
    case 'tooLow':
      return {
        code: 'warning.languageTooLow',
        params: { test: scoreScales[shortfall.test].label, min: shortfall.min, accepted },
        field: 'languageScore',
      }
  }
}

export interface DraftWarningInput {
  kind: ProgramKind
  /** The draft's values as typed: strings, numbers, or nothing yet. */
  values: Partial<Record<'startDate' | 'endDate' | 'passportExpiry' | 'languageTest' | 'languageScore', unknown>>
  program?: { academicYear?: string; requirements?: { language?: LanguageRequirement } }
}

/** Every warning that applies to a draft of this kind, in form order. */
export function draftWarnings({ kind, values, program }: DraftWarningInput): Warning[] {
  const found = [
    dateOrderWarning(values.startDate, values.endDate),
    kind === 'joint_training' ? jointTrainingLengthWarning(values.startDate, values.endDate) : null,
    kind === 'conference' ? conferenceYearWarning(program?.academicYear, values.startDate, values.endDate) : null,
    kind !== 'conference' ? languageWarning(program?.requirements?.language, values.languageTest, values.languageScore) : null,
    passportWarning(values.endDate, values.passportExpiry),
  ]
  return found.filter((w): w is Warning => w !== null)
}
