// After the mobility: the student's return report (actual spending per line with receipts for
// conference money) completes the application. The credits recognised for an exchange are not
// typed here: they are computed from the learning agreement (decision 26). Students who
// are late hear about it from a job (app/jobs/return-report-reminders.server.ts).
import { shanghaiDate } from '~/domain/dates'
import { formatFen, sortLines } from '~/domain/money'
import { actualSpendingProblems, returnReportClosedUntil } from '~/domain/plausibility'
import { notFound, refuse, refuseFields, type FieldMessage, type Result } from '~/domain/result'
import { textLength } from '~/domain/text'
import { transition } from '~/domain/workflow'
import type { AwardLines } from '~/domain/funding'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { MAX_SUMMARY } from '~/schemas/finance'
import { ownedBy } from './access.server'
import { applyCommand } from './status-change.server'

export type ReturnReportInput = { summary: string; actual: Record<string, number> }
/**
 * Refused as not found, as not (or no longer) due (report.notYet), as not open before the
 * mobility's last day (report.error.notOpen, naming the day: plausibility.ts), or for its fields.
 */
export type ReturnReportResult = Result

/** The application with what its report needs: committed lines and receipts. */
export function reportContext(userId: string, applicationId: string) {
  return prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, ownedBy({ id: userId })] },
    include: {
      program: { select: { titleZh: true, titleEn: true } },
      returnReport: true,
      awards: { where: { status: { in: ['committed', 'paid'] } }, orderBy: { createdAt: 'asc' } },
      documents: {
        where: { kind: { in: ['receipt', 'return_report'] }, deletedAt: null, supersededAt: null },
        select: { id: true, kind: true },
      },
    },
  })
}

/** The budget lines the student reports actual spending on: those finance approved, in the form's order. */
export function reportedLines(awards: { lines: unknown }[]): string[] {
  return sortLines(Object.keys(approvedByLine(awards)))
}

/** What finance approved per budget line, in fen, over the application's awards. */
function approvedByLine(awards: { lines: unknown }[]): Record<string, number> {
  const approved: Record<string, number> = {}
  for (const award of awards) {
    for (const [line, l] of Object.entries((award.lines ?? {}) as AwardLines)) {
      if ((l.approvedFen ?? 0) > 0) approved[line] = (approved[line] ?? 0) + l.approvedFen!
    }
  }
  return approved
}

/** Amounts in a message's params: the same text in both languages. */
const money = (fen: number) => formatFen(fen, 'en')

export async function submitReturnReport(
  user: SessionUser,
  applicationId: string,
  input: ReturnReportInput,
  now = new Date(),
): Promise<ReturnReportResult> {
  const application = await reportContext(user.id, applicationId)
  if (!application) return notFound()
  const step = transition('report_return', application.status, { role: 'student', requestsMoney: false })
  if (!step.ok || application.returnReport) return refuse('report.notYet')
  const opensOn = returnReportClosedUntil(application.details, shanghaiDate(now))
  if (opensOn) return refuse('report.error.notOpen', { date: opensOn })

  const fields: Record<string, FieldMessage> = {}
  const summary = input.summary.trim()
  if (!summary) fields.summary = 'form.required'
  else if (textLength(summary) > MAX_SUMMARY) fields.summary = 'finance.error.noteTooLong'
  const lines = application.kind === 'conference' ? reportedLines(application.awards) : []
  for (const line of lines) {
    const amount = input.actual[line]
    if (amount === undefined || !Number.isSafeInteger(amount) || amount < 0) fields[`actual.${line}`] = 'report.error.actual'
  }
  // Far above what was approved is a typo (plausibility.ts); lines already refused are not judged again.
  const approved = approvedByLine(application.kind === 'conference' ? application.awards : [])
  const reported = Object.fromEntries(lines.filter((line) => !fields[`actual.${line}`]).map((line) => [line, input.actual[line]]))
  for (const problem of actualSpendingProblems(approved, reported)) {
    if (problem.field === 'actual' && lines.some((line) => fields[`actual.${line}`])) continue
    fields[problem.field] = {
      key: problem.code,
      params: { approved: money(problem.params.approvedFen), max: money(problem.params.maxFen) },
    }
  }
  // Spending on a line finance did not approve is refused by its name, as finance's own form refuses one.
  for (const line of Object.keys(input.actual)) if (!lines.includes(line)) fields[`actual.${line}`] = 'finance.error.unknownLine'
  if (lines.length && !application.documents.some((d) => d.kind === 'receipt')) fields.receipts = 'report.error.receipts'
  if (Object.keys(fields).length) return refuseFields(fields)

  const actualLines = Object.fromEntries(lines.map((line) => [line, input.actual[line]]))
  const changed = await prisma.$transaction(async (tx) => {
    // One step, one audit row: the status change notes what was reported (a second row of its own
    // listed the report twice in the trail).
    const completed = await applyCommand(tx, {
      actor: user,
      application,
      command: 'report_return',
      now,
      after: { actualLines },
    })
    if (!completed.ok) return false
    await tx.returnReport.create({ data: { applicationId, summary, actualLines } })
    return true
  })
  return changed ? { ok: true } : refuse('report.notYet')
}
