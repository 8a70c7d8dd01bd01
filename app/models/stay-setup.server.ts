// The office's set-up of the stay (decision 22, amendment 2026-12-06): per kind of mobility, the
// pre-departure checklist (which items, for which levels, due how many days before the start) and
// the pre-departure education (material in both languages, the quiz, the pass mark). Stays already
// open read the checklist and the quiz live (models/stay.server.ts), so a saved change reaches them.
import { managesStays, type Actor } from '~/domain/access'
import type { ProgramKind } from '~/domain/program'
import { forbidden, refuse, refuseFields, type Result } from '~/domain/result'
import { defaultRequirements, quizSchema, stayItems, type Requirement } from '~/domain/stay'
import { formatQuiz, parseQuiz, type QuizProblem } from '~/domain/stay-setup'
import { recordAudit } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import type { MessageKey } from '~/i18n'
import type { ChecklistInput, EducationInput } from '~/schemas/stay-setup'

/** What the set-up page shows for a kind: its checklist (the default when none is set) and its education. */
export async function staySetup(actor: Actor, programKind: ProgramKind) {
  if (!managesStays(actor)) return null
  const [rows, education] = await Promise.all([
    prisma.departureRequirement.findMany({ where: { programKind } }),
    prisma.departureEducation.findUnique({ where: { programKind } }),
  ])
  const requirements: Requirement[] = rows.length ? rows : defaultRequirements(programKind)
  const questions = education && quizSchema.safeParse(education.questions)
  return {
    configured: rows.length > 0,
    rows: stayItems.map((item) => {
      const r = requirements.find((q) => q.item === item)
      return { item, required: !!r, levels: r ? [...r.levels] : [], daysBeforeStart: r?.daysBeforeStart ?? 7 }
    }),
    education: education && {
      materialZh: education.materialZh,
      materialEn: education.materialEn,
      passPercent: education.passPercent,
      quiz: questions?.success ? formatQuiz(questions.data) : '',
    },
  }
}

const snapshot = (rows: readonly Requirement[]) =>
  rows.map((r) => ({ item: r.item, levels: [...r.levels], daysBeforeStart: r.daysBeforeStart }))

/** Replaces the kind's checklist with the ticked items, in one transaction, with an audit row. */
export async function saveChecklist(actor: Actor, input: ChecklistInput): Promise<Result> {
  if (!managesStays(actor)) return forbidden()
  // An empty list would read as "none configured" and bring back the default checklist.
  if (!input.required.length) return refuse('stay.setup.error.noneRequired')
  const rows = input.required.map((item) => ({
    programKind: input.kind,
    item,
    levels: [...new Set(input.levels[item] ?? [])],
    daysBeforeStart: input.days[item] ?? 7,
  }))
  await prisma.$transaction(async (tx) => {
    // One save of a kind's checklist at a time: two would both delete, then collide on insert.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`departure-requirements:${input.kind}`}))`
    const before = await tx.departureRequirement.findMany({ where: { programKind: input.kind } })
    await tx.departureRequirement.deleteMany({ where: { programKind: input.kind } })
    await tx.departureRequirement.createMany({ data: rows })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'stay.checklist.configured',
      entityType: 'departure_requirements',
      entityId: input.kind,
      before: snapshot(before),
      after: snapshot(rows),
    })
  })
  return { ok: true }
}

const quizProblems: Record<QuizProblem, MessageKey> = {
  unknown: 'stay.setup.quiz.unknown',
  pair: 'stay.setup.quiz.pair',
  tooLong: 'stay.setup.quiz.tooLong',
  promptFirst: 'stay.setup.quiz.promptFirst',
  twoPrompts: 'stay.setup.quiz.twoPrompts',
  choices: 'stay.setup.quiz.choices',
  correct: 'stay.setup.quiz.correct',
  count: 'stay.setup.quiz.count',
}

/** Writes the kind's education; a quiz that does not parse is refused naming its line. */
export async function saveEducation(actor: Actor, input: EducationInput): Promise<Result> {
  if (!managesStays(actor)) return forbidden()
  const parsed = parseQuiz(input.quiz)
  if (!parsed.ok) return refuseFields({ quiz: { key: quizProblems[parsed.problem], params: { line: parsed.line } } })
  const data = { materialZh: input.materialZh, materialEn: input.materialEn, questions: parsed.questions, passPercent: input.passPercent }
  await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`departure-education:${input.kind}`}))`
    const before = await tx.departureEducation.findUnique({ where: { programKind: input.kind } })
    await tx.departureEducation.upsert({ where: { programKind: input.kind }, create: { programKind: input.kind, ...data }, update: data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'stay.education.configured',
      entityType: 'departure_education',
      entityId: input.kind,
      ...(before && {
        before: {
          materialZh: before.materialZh,
          materialEn: before.materialEn,
          questions: before.questions ?? [],
          passPercent: before.passPercent,
        },
      }),
      after: data,
    })
  })
  return { ok: true }
}
