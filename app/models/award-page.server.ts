import { shanghaiDate } from '~/domain/dates'
import { formatForeignAmount, formatRate } from '~/domain/fx'
import { formatFen, inLineOrder } from '~/domain/money'
import { paymentAwaitsReport } from '~/domain/plausibility'
import type { Locale } from '~/i18n'
import { recordReads } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { fieldText, refusalText } from '~/domain/result'
import { applicationReference } from './application.server'
import { awardForFinance, type FinanceResult } from './finance.server'
import { coFundingOf } from './co-funding.server'
import { recognisedCredits } from './learning-agreement.server'

// An award's page for finance (routes/finance.awards.$awardId.tsx): its data in one place, and the
// words of a refusal that names a fund.

/** The award's page: the award, its application, the funds' room, the other awards and the history; null outside finance's reach. */
export async function awardPageData(user: SessionUser, awardId: string) {
  const found = await awardForFinance(user, awardId)
  if (!found) return null
  const [schedule, receipts, coFunding, recognisedTenths] = await Promise.all([
    prisma.instalment.findMany({ where: { awardId: found.award.id }, orderBy: { seq: 'asc' } }),
    prisma.foreignReceipt.findMany({ where: { awardId: found.award.id }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] }),
    coFundingOf(found.award.applicationId),
    recognisedCredits(found.award.applicationId),
  ])
  const { award, lines, flags, fundRemainingFen, allocation, allocationRemainingFen, others, splitOptions, history } = found
  const application = award.application
  // PIPL: finance opening an award reads the student's application (their name, documents).
  await recordReads(prisma, [{ actorId: user.id, subjectId: application.applicantId, kind: 'application', applicationId: application.id }])
  return {
    award: {
      id: award.id,
      status: award.status,
      version: award.version,
      requestedFen: award.requestedFen,
      approvedFen: award.approvedFen,
      paidFen: award.paidFen,
      releasedFen: award.releasedFen,
      voucherNumber: award.voucherNumber,
      paidAt: award.paidAt,
      note: award.note,
      lines,
      fund: { nameZh: award.fund.nameZh, nameEn: award.fund.nameEn },
      lineStandards: award.fund.lineStandards as Record<string, number>,
    },
    application: {
      id: application.id,
      status: application.status,
      version: application.version,
      kind: application.kind,
      reference: applicationReference(application.id, application.academicYear),
      program: { titleZh: application.program.titleZh, titleEn: application.program.titleEn },
      applicant: application.applicant,
      documents: application.documents,
      // Conference money is reimbursed once the return report is in: the payment form waits for it.
      awaitsReport: paymentAwaitsReport(application.kind, Boolean(application.returnReport)),
      report: application.returnReport && {
        summary: application.returnReport.summary,
        // Computed from the learning agreement (decision 26); a report filed before it keeps the number typed then.
        creditTenths: recognisedTenths ?? application.returnReport.creditTenths,
        actualLines: inLineOrder(application.returnReport.actualLines as Record<string, number>),
        submittedAt: application.returnReport.submittedAt,
      },
    },
    flags,
    fundRemainingFen,
    allocation,
    allocationRemainingFen,
    others: others.map((o) => ({ id: o.id, status: o.status, approvedFen: o.approvedFen, fund: o.fund, program: o.application.program })),
    splitOptions,
    history,
    coFunding: coFunding.map((c) => ({
      id: c.id,
      source: c.source,
      currency: c.currency,
      amount: c.currency === 'CNY' ? null : formatForeignAmount(c.amountMinor, c.currency),
      rate: c.cnyE4 === null ? null : `${c.units} ${c.currency} = ¥${formatRate(c.cnyE4)}`,
      amountFen: c.amountFen,
    })),
    receipts: receipts.map((r) => ({
      id: r.id,
      line: r.line,
      currency: r.currency,
      amount: formatForeignAmount(r.amountMinor, r.currency),
      receiptOn: shanghaiDate(r.receiptOn),
      rateDay: shanghaiDate(r.rateDay),
      units: r.units,
      rate: formatRate(r.cnyE4),
      convertedFen: r.convertedFen,
    })),
    instalments: schedule.map((i) => ({
      id: i.id,
      seq: i.seq,
      dueOn: shanghaiDate(i.dueOn),
      amountFen: i.amountFen,
      status: i.status,
      paidFen: i.paidFen,
      voucherNumber: i.voucherNumber,
      paidOn: i.paidOn && shanghaiDate(i.paidOn),
    })),
    // The payment's default day, and the latest it may be: today in Beijing, not in UTC.
    today: shanghaiDate(new Date()),
  }
}

export type AwardPageData = NonNullable<Awaited<ReturnType<typeof awardPageData>>>

/**
 * A refusal other than a form's fields as the form's message ("key|{json params}"); a fund's
 * refusal names the fund and the amounts in the user's language.
 */
export async function refusalMessage(result: Exclude<FinanceResult, { ok: true }>, locale: Locale): Promise<string> {
  if (!('fund' in result)) return refusalText(result)
  const { id, availableFen, capFen } = result.fund
  const fund = await prisma.fund.findUnique({ where: { id }, select: { nameZh: true, nameEn: true } })
  const params = { fund: (locale === 'en' ? fund?.nameEn : fund?.nameZh) ?? '', available: formatFen(availableFen, locale) }
  return fieldText({ key: result.error, params: capFen === undefined ? params : { ...params, cap: formatFen(capFen, locale) } })
}
