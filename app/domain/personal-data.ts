// Personal information as China's Personal Information Protection Law (PIPL) expects: which
// answers are sensitive and how they are masked, which answers survive anonymisation, and the
// kinds of data with a retention period. No I/O. Who sees a sensitive answer in full is the access
// policy's rule (app/domain/access.ts, `seesSensitiveInFull`); this module says how.
//
// To protect another answer (a guardian's identity card number, an itinerary's flight number),
// add it to `sensitiveFields` with its mask: every staff loader masks through `maskAnswers`, every
// export names its sensitive columns from this list, and the reveal form accepts exactly these keys.

/** An answer kept in Application.details that is sensitive personal information. */
export const sensitiveFields = ['passportNumber', 'dateOfBirth'] as const
export type SensitiveField = (typeof sensitiveFields)[number]

const MASK = '*'

/** An identifier with its second half hidden: E12345678 → E1234****. Short ones show one character at most. */
export function maskIdentifier(value: string): string {
  const shown = value.length <= 4 ? Math.min(1, value.length) : Math.ceil(value.length / 2)
  return value.slice(0, shown) + MASK.repeat(Math.max(4, value.length - shown))
}

/** A date with only the year: 2003-05-17 → 2003-**-**. */
export function maskDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value.slice(0, 4)}-**-**` : maskIdentifier(value)
}

const masks: Record<SensitiveField, (value: string) => string> = {
  passportNumber: maskIdentifier,
  dateOfBirth: maskDate,
}

/** The answers with every sensitive one masked, and which of them were (for the reveal buttons). */
export function maskAnswers<T extends Record<string, unknown>>(details: T): { details: T; masked: SensitiveField[] } {
  const out: Record<string, unknown> = { ...details }
  const masked: SensitiveField[] = []
  for (const field of sensitiveFields) {
    if (typeof out[field] === 'string' && out[field]) {
      out[field] = masks[field](out[field])
      masked.push(field)
    }
  }
  return { details: out as T, masked }
}

/**
 * What anonymisation keeps of an application's answers: what the dashboard and finance figures
 * read (kind, program, dates, the conference's country, the budget), nothing that names or
 * identifies the student. Everything else, including answers added later, is removed.
 */
const keptWhenAnonymised = ['kind', 'programId', 'term', 'startDate', 'endDate', 'country', 'city', 'fundingSource', 'budget'] as const

export function anonymisedAnswers(details: unknown): Record<string, unknown> {
  const source = details && typeof details === 'object' && !Array.isArray(details) ? (details as Record<string, unknown>) : {}
  return Object.fromEntries(keptWhenAnonymised.filter((k) => k in source).map((k) => [k, source[k]]))
}

// ---- retention ----------------------------------------------------------------------------------

/**
 * The kinds of data with a retention period, counted from when the application ended (its last
 * status change into `endedIn`). `documents`: the files; `*_answers`: the personal answers of the
 * application (anonymisedAnswers); `read_log`: the read audit, counted from each read.
 */
export const retentionKinds = ['documents', 'rejected_answers', 'completed_answers', 'read_log'] as const
export type RetentionKind = (typeof retentionKinds)[number]

export const retentionRules: Record<
  RetentionKind,
  { defaultMonths: number; endedIn: readonly ('completed' | 'rejected' | 'withdrawn')[] }
> = {
  documents: { defaultMonths: 60, endedIn: ['completed', 'rejected', 'withdrawn'] },
  rejected_answers: { defaultMonths: 24, endedIn: ['rejected', 'withdrawn'] },
  completed_answers: { defaultMonths: 60, endedIn: ['completed'] },
  read_log: { defaultMonths: 36, endedIn: [] },
}

/** Retention periods the admin may set: a month to thirty years. */
export const RETENTION_MONTHS = { min: 1, max: 360 } as const

/** The moment before which something that ended is past its retention, `months` calendar months before `now`. */
export function retentionCutoff(now: Date, months: number): Date {
  const cutoff = new Date(now)
  cutoff.setUTCMonth(cutoff.getUTCMonth() - months)
  return cutoff
}

/** The periods in force: the admin's, else the defaults. */
export function retentionPeriods(saved: readonly { kind: string; months: number }[]): Record<RetentionKind, number> {
  const byKind = new Map(saved.map((s) => [s.kind, s.months]))
  return Object.fromEntries(retentionKinds.map((k) => [k, byKind.get(k) ?? retentionRules[k].defaultMonths])) as Record<
    RetentionKind,
    number
  >
}

// ---- consent -----------------------------------------------------------------------------------

/** The notice shipped with the portal, before the admin publishes one. */
export const BUILT_IN_NOTICE_VERSION = 0

/** Whether the student's consents cover the notice in force: both consents, to that version. */
export function consentCurrent(consents: readonly { noticeVersion: number; sensitive: boolean }[], currentVersion: number): boolean {
  return consents.some((c) => c.noticeVersion === currentVersion && c.sensitive)
}
