// The stay (decision 22): the pre-departure checklist (行前), the steps abroad (在外) and the
// return (返校). The application stays "approved" throughout; these rules say what is due, what
// blocks the departure, when reminders are owed and who is abroad on a day. No I/O.
import { z } from 'zod'
import { addDays } from './dates'
import type { ProgramKind } from './program'
import type { StudentLevel } from './roles'

export const stayItems = ['itinerary', 'insurance', 'visa', 'emergency_contact', 'pledge', 'education', 'guardian_consent'] as const
export type StayItem = (typeof stayItems)[number]

export const visaStatuses = ['not_needed', 'applied', 'granted'] as const
type VisaStatus = (typeof visaStatuses)[number]

/** One line of the office's checklist for a kind of mobility. */
export type Requirement = { programKind: ProgramKind; item: StayItem; levels: readonly StudentLevel[]; daysBeforeStart: number }

/**
 * The checklist when the office has configured none for a kind: every item, due a week before the
 * start; the guardian's consent for undergraduates only.
 */
export function defaultRequirements(programKind: ProgramKind): Requirement[] {
  return stayItems.map((item) => ({
    programKind,
    item,
    levels: item === 'guardian_consent' ? ['undergraduate'] : [],
    daysBeforeStart: 7,
  }))
}

/** The items a student of this level must complete before departure, in the checklist's order. */
export function requiredItems(requirements: readonly Requirement[], level: StudentLevel | null): Requirement[] {
  return requirements
    .filter((r) => r.levels.length === 0 || (level !== null && r.levels.includes(level)))
    .sort((a, b) => stayItems.indexOf(a.item) - stayItems.indexOf(b.item))
}

/** What the stay row says of each item. */
export type StayFacts = {
  itinerary: unknown
  emergencyContact: unknown
  visaStatus: VisaStatus | null
  educationPassedAt: Date | null
  pledgeSignedAt: Date | null
  guardianConsentAt: Date | null
  departedAt: Date | null
  arrivedAt: Date | null
  returnedAt: Date | null
}

/** Uploaded documents that count: the insurance policy, the visa. */
export type StayUploads = { insurance: boolean; visa: boolean }

/** Whether one item is done. A visa is done when not needed, or granted with its copy uploaded. */
function itemDone(item: StayItem, stay: StayFacts, uploads: StayUploads): boolean {
  switch (item) {
    case 'itinerary':
      return stay.itinerary !== null && stay.itinerary !== undefined
    case 'insurance':
      return uploads.insurance
    case 'visa':
      return stay.visaStatus === 'not_needed' || (stay.visaStatus === 'granted' && uploads.visa)
    case 'emergency_contact':
      return stay.emergencyContact !== null && stay.emergencyContact !== undefined
    case 'pledge':
      return stay.pledgeSignedAt !== null
    case 'education':
      return stay.educationPassedAt !== null
    case 'guardian_consent':
      return stay.guardianConsentAt !== null
  }
}

export type ChecklistLine = { item: StayItem; dueOn: string; done: boolean; overdue: boolean }

/** The student's checklist: each required item with its deadline, done or not, overdue or not. */
export function checklist(
  required: readonly Requirement[],
  stay: StayFacts,
  uploads: StayUploads,
  startsOn: string,
  today: string,
): ChecklistLine[] {
  return required.map((r) => {
    const dueOn = addDays(startsOn, -r.daysBeforeStart)
    const done = itemDone(r.item, stay, uploads)
    return { item: r.item, dueOn, done, overdue: !done && today > dueOn }
  })
}

/** The items still blocking the departure. */
export function blockingItems(lines: readonly ChecklistLine[]): StayItem[] {
  return lines.filter((l) => !l.done).map((l) => l.item)
}

// ---- steps -------------------------------------------------------------------------------------

export const staySteps = ['depart', 'arrive', 'return'] as const
export type StayStep = (typeof staySteps)[number]

export type StayPhase = 'preparing' | 'departed' | 'arrived' | 'returned'

export function stayPhase(stay: Pick<StayFacts, 'departedAt' | 'arrivedAt' | 'returnedAt'>): StayPhase {
  if (stay.returnedAt) return 'returned'
  if (stay.arrivedAt) return 'arrived'
  if (stay.departedAt) return 'departed'
  return 'preparing'
}

/** Each step is taken once, in order: depart, then arrive, then return. */
const stepFrom: Record<StayStep, StayPhase> = { depart: 'preparing', arrive: 'departed', return: 'arrived' }

/**
 * Whether a step may be taken now: in its order, and a departure only with nothing blocking.
 * 'order' is a stale view or a step out of order; 'blocked' names what is missing elsewhere.
 */
export function canTakeStep(
  step: StayStep,
  phase: StayPhase,
  blocking: readonly StayItem[],
): { ok: true } | { ok: false; reason: 'order' | 'blocked' } {
  if (stepFrom[step] !== phase) return { ok: false, reason: 'order' }
  if (step === 'depart' && blocking.length) return { ok: false, reason: 'blocked' }
  return { ok: true }
}

// ---- reminders and dashboards ------------------------------------------------------------------

/** Days after the start with no arrival before the student is reminded (and counted late). */
export const ARRIVAL_GRACE_DAYS = 3
/** Days after the end within which the return is to be confirmed (返校报到). */
export const RETURN_WITHIN_DAYS = 7

/** Arrival not confirmed a few days after the start (departed or not): the student is reminded. */
export function arrivalOverdue(stay: Pick<StayFacts, 'departedAt' | 'arrivedAt' | 'returnedAt'>, startsOn: string, today: string): boolean {
  const phase = stayPhase(stay)
  return (phase === 'preparing' || phase === 'departed') && today > addDays(startsOn, ARRIVAL_GRACE_DAYS)
}

/**
 * Return not confirmed within the set days after the end: overdue (on the dashboard). The student
 * is reminded from the end on (returnDue); models/stay-office.server.ts returnOverdueWhere is this.
 */
export function returnOverdue(stay: Pick<StayFacts, 'returnedAt'>, endsOn: string, today: string): boolean {
  return !stay.returnedAt && today > addDays(endsOn, RETURN_WITHIN_DAYS)
}

/** The stay has ended and the return is not confirmed: the student is reminded. */
export function returnDue(stay: Pick<StayFacts, 'returnedAt'>, endsOn: string, today: string): boolean {
  return !stay.returnedAt && today > endsOn
}

/** The day the return is due by. */
export const returnDueOn = (endsOn: string) => addDays(endsOn, RETURN_WITHIN_DAYS)

/**
 * Abroad on a day, for "where are our students" and incident messages: the stay's dates cover the
 * day (a future day too: the office plans ahead), and the student was not back before it. Whether
 * the departure was confirmed is shown beside, not a condition: a student who forgot to confirm is
 * abroad all the same. models/stay-office.server.ts's SQL is this condition.
 */
export function abroadOn(startsOn: string, endsOn: string, returnedOn: string | null, day: string): boolean {
  return startsOn <= day && day <= endsOn && (returnedOn === null || day <= returnedOn)
}

// ---- pre-departure education ------------------------------------------------------------------

const text = z.string().trim().min(1).max(500)
const quizQuestionSchema = z.object({
  promptZh: text,
  promptEn: text,
  choicesZh: z.array(text).min(2).max(6),
  choicesEn: z.array(text).min(2).max(6),
  answer: z.number().int().min(0),
})
export type QuizQuestion = z.output<typeof quizQuestionSchema>

/** The office's questions as stored (JSON): refused unless every answer names one of its choices. */
export const quizSchema = z
  .array(quizQuestionSchema)
  .min(1)
  .max(30)
  .refine((qs) => qs.every((q) => q.choicesZh.length === q.choicesEn.length && q.answer < q.choicesZh.length))

/** A quiz attempt: the percentage right (rounded down) and whether it reaches the pass mark. */
export function gradeQuiz(
  questions: readonly QuizQuestion[],
  answers: readonly (number | undefined)[],
  passPercent: number,
): { score: number; passed: boolean } {
  const right = questions.filter((q, i) => answers[i] === q.answer).length
  const score = Math.floor((right * 100) / questions.length)
  return { score, passed: score >= passPercent }
}

// ---- the safety pledge --------------------------------------------------------------------------

/** The pledge's version: its hash is kept with the signature (models/stay.server.ts). */
export const PLEDGE_VERSION = 1

/** The typed name matches the student's name (Chinese or English, spaces and case aside). */
export function pledgeNameMatches(typed: string, names: { nameZh: string; nameEn: string }): boolean {
  const norm = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase()
  const t = norm(typed)
  return t.length > 0 && (t === norm(names.nameZh) || t === norm(names.nameEn))
}

/** How long a guardian's consent link and an incident's answer links stay valid. */
export const GUARDIAN_LINK_DAYS = 7
export const INCIDENT_LINK_DAYS = 14
