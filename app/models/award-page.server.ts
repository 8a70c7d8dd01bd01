import { shanghaiDate } from '~/domain/dates'
import { formatFen, inLineOrder } from '~/domain/money'
import { paymentAwaitsReport } from '~/domain/plausibility'
import type { Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { msg } from '~/schemas/fields'
import { applicationReference } from './application.server'
import { awardForFinance, type FinanceResult } from './finance.server'

// An award's page for finance (routes/finance.awards.$awardId.tsx): its data in one place, and the
// words of a refusal that names a fund.

/** The award's page: the award, its application, the funds' room, the other awards and the history; null outside finance's reach. */
export async function awardPageData(user: SessionUser, awardId: string) {
  const found = await awardForFinance(user, awardId)
  if (!found) return null
  const { award, lines, flags, fundRemainingFen, allocation, allocationRemainingFen, others, splitOptions, history } = found
  const application = award.application
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
        creditTenths: application.returnReport.creditTenths,
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
    // The payment's default day, and the latest it may be: today in Beijing, not in UTC.
    today: shanghaiDate(new Date()),
  }
}

export type AwardPageData = NonNullable<Awaited<ReturnType<typeof awardPageData>>>

/** A refusal other than a form's fields as a message key with its parameters already formatted in the user's language. */
export async function refusalMessage(result: Extract<FinanceResult, { ok: false }>, locale: Locale): Promise<string> {
  if (result.error !== 'budget' && result.error !== 'cap') return 'finance.award.stale'
  const fund = await prisma.fund.findUnique({ where: { id: result.fundId }, select: { nameZh: true, nameEn: true } })
  const params = { fund: (locale === 'en' ? fund?.nameEn : fund?.nameZh) ?? '', available: formatFen(result.availableFen, locale) }
  if (result.error === 'cap') return msg('finance.error.cap', { ...params, cap: formatFen(result.capFen, locale) })
  return msg(`finance.error.budget.${result.reason}`, params)
}
