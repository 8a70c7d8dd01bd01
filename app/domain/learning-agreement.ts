// Learning agreements (decision 26): the host courses a student takes abroad and what each counts
// as at home, approved line by line by their college's academic approver, versioned when the plan
// changes during the stay, and recognised after return with the host's grades converted by a
// grade scale. Pure rules, no I/O. Credits are integer tenths (2.5 credits = 25), never floats.
import type { ProgramKind } from './program'

/** The program kinds whose students have a learning agreement: where credits apply. */
export const agreementKinds: readonly ProgramKind[] = ['exchange', 'joint_training']

type VersionStatus = 'draft' | 'submitted' | 'decided'
export type Decision = 'pending' | 'approved' | 'rejected'
type Recognition = 'pending' | 'recognised'

/** The most credits one course may carry, in tenths (60 credits). */
export const MAX_COURSE_TENTHS = 600
/** The most lines one version may have. */
export const MAX_LINES = 30

/** 25 → "2.5", 30 → "3". */
export function formatCredits(tenths: number): string {
  const whole = Math.trunc(tenths / 10)
  const rest = Math.abs(tenths % 10)
  return rest ? `${whole}.${rest}` : String(whole)
}

type Line = { decision: Decision; recognition: Recognition; homeCreditTenths: number }

/** Credits planned: the home credits of the approved lines. */
export function plannedTenths(lines: readonly Line[]): number {
  return lines.reduce((sum, l) => sum + (l.decision === 'approved' ? l.homeCreditTenths : 0), 0)
}

/** Credits recognised: the home credits of the lines approved and then recognised. Computed, never typed. */
export function recognisedTenths(lines: readonly Line[]): number {
  return lines.reduce((sum, l) => sum + (l.decision === 'approved' && l.recognition === 'recognised' ? l.homeCreditTenths : 0), 0)
}

// ---- versions ----------------------------------------------------------------------------------

type VersionFacts = { no: number; status: VersionStatus }

/** The student edits the lines of a draft only; submitted and decided versions are read-only. */
export const editable = (v: Pick<VersionFacts, 'status'>) => v.status === 'draft'

/** A draft is submitted with at least one line. */
export const submittable = (v: Pick<VersionFacts, 'status'>, lines: number) => v.status === 'draft' && lines > 0

/**
 * A new version (a course cancelled, a new one added, a rejected line replaced) starts from the
 * latest version once it is decided: one open version at a time.
 */
export function mayStartVersion(latest: Pick<VersionFacts, 'status'> | null): boolean {
  return latest === null || latest.status === 'decided'
}

/** What a new version starts with: the latest version's approved lines, undecided again. */
export function carriedLines<L extends { decision: Decision }>(lines: readonly L[]): L[] {
  return lines.filter((l) => l.decision === 'approved')
}

/** A version is decided once none of its lines is pending. */
export const allDecided = (lines: readonly { decision: Decision }[]) => lines.length > 0 && lines.every((l) => l.decision !== 'pending')

/** The version recognition works on: the latest decided one (an open draft changes nothing yet). */
export function recognitionVersion<V extends VersionFacts>(versions: readonly V[]): V | null {
  return [...versions].sort((a, b) => b.no - a.no).find((v) => v.status === 'decided') ?? null
}

/** What the review page and the student's application page show: the latest version's state. */
export type AgreementState = { state: 'none' } | { state: VersionStatus; no: number; approved: number; rejected: number; pending: number }

export function agreementState(latest: (VersionFacts & { lines: readonly { decision: Decision }[] }) | null): AgreementState {
  if (!latest) return { state: 'none' }
  const count = (d: Decision) => latest.lines.filter((l) => l.decision === d).length
  return { state: latest.status, no: latest.no, approved: count('approved'), rejected: count('rejected'), pending: count('pending') }
}

// ---- grade scales ------------------------------------------------------------------------------

/** One band: a host grade ("A", "sehr gut") or a numeric range ("1.0-1.5", "16-20"), and the home grade it converts to. */
export type GradeBand = { host: string; home: string }

const RANGE = /^(\d{1,3}(?:\.\d{1,2})?)\s*-\s*(\d{1,3}(?:\.\d{1,2})?)$/
const NUMBER = /^\d{1,3}(?:[.,]\d{1,2})?$/
/** A number as integer hundredths, so that ranges compare exactly. */
const hundredths = (text: string) => Math.round(Number(text.replace(',', '.')) * 100)

const MAX_BANDS = 40
export type ScaleProblem = { line: number; reason: 'format' | 'range' | 'duplicate' } | { line: 0; reason: 'empty' | 'tooMany' }

/**
 * The admin's scale as typed, one band a line: "host = home" ("A = 95", "1.0-1.5 = 优秀").
 * Refused naming the first line that is not a band, whose range is reversed, or that repeats a grade.
 */
export function parseGradeScale(text: string): { ok: true; bands: GradeBand[] } | { ok: false; problem: ScaleProblem } {
  const lines = text
    .split(/\r?\n/)
    .map((l, i) => ({ text: l.trim(), line: i + 1 }))
    .filter((l) => l.text)
  if (!lines.length) return { ok: false, problem: { line: 0, reason: 'empty' } }
  if (lines.length > MAX_BANDS) return { ok: false, problem: { line: 0, reason: 'tooMany' } }
  const bands: GradeBand[] = []
  const seen = new Set<string>()
  for (const { text: l, line } of lines) {
    const at = l.indexOf('=')
    const host = at > 0 ? l.slice(0, at).trim() : ''
    const home = at > 0 ? l.slice(at + 1).trim() : ''
    if (!host || !home || host.length > 20 || home.length > 20) return { ok: false, problem: { line, reason: 'format' } }
    const range = RANGE.exec(host)
    if (range && hundredths(range[1]) > hundredths(range[2])) return { ok: false, problem: { line, reason: 'range' } }
    const key = host.toLowerCase()
    if (seen.has(key)) return { ok: false, problem: { line, reason: 'duplicate' } }
    seen.add(key)
    bands.push({ host, home })
  }
  return { ok: true, bands }
}

/** The bands as the admin's text, one a line. */
export const formatGradeScale = (bands: readonly GradeBand[]) => bands.map((b) => `${b.host} = ${b.home}`).join('\n')

/** Bands as stored (JSON), keeping only well-formed entries. */
export function readBands(json: unknown): GradeBand[] {
  if (!Array.isArray(json)) return []
  return json.filter((b): b is GradeBand => typeof b?.host === 'string' && typeof b?.home === 'string')
}

/**
 * The home grade of a host grade: the band naming it (case and spaces ignored), else the numeric
 * range containing it (bounds included; the first band listed wins); null when no band matches.
 */
export function convertGrade(bands: readonly GradeBand[], grade: string): string | null {
  const wanted = grade.trim().replace(/\s+/g, ' ').toLowerCase()
  if (!wanted) return null
  const named = bands.find((b) => b.host.replace(/\s+/g, ' ').toLowerCase() === wanted)
  if (named) return named.home
  if (!NUMBER.test(wanted)) return null
  const value = hundredths(wanted)
  for (const b of bands) {
    const range = RANGE.exec(b.host)
    if (range && hundredths(range[1]) <= value && value <= hundredths(range[2])) return b.home
  }
  return null
}

/** A scale's id: a partner's own, else its country's (the admin defines either). */
export const partnerScaleId = (partnerId: string) => `partner:${partnerId}`
export const countryScaleId = (countryCode: string) => `country:${countryCode}`

/** The scale that applies to a partner: its own, else its country's, else none. */
export function applicableScale<S extends { id: string }>(scales: readonly S[], partner: { id: string; countryCode: string }): S | null {
  return scales.find((s) => s.id === partnerScaleId(partner.id)) ?? scales.find((s) => s.id === countryScaleId(partner.countryCode)) ?? null
}

// ---- the recognised-courses export (column order: app/domain/export-layout.ts) --------------------

export const recognisedColumns = [
  'studentNumber',
  'student',
  'college',
  'academicYear',
  'partner',
  'hostCode',
  'hostTitle',
  'hostCredits',
  'hostGrade',
  'homeCode',
  'homeTitle',
  'homeCredits',
  'homeGrade',
  'term',
  'recognisedOn',
] as const
