import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { AwardFigures, AwardHead } from '~/components/finance/award-head'
import { ConfirmForm } from '~/components/finance/confirm-form'
import { AwardHistory } from '~/components/finance/history'
import { AwardLinesTable } from '~/components/finance/lines-table'
import { PaymentForm } from '~/components/finance/payment-form'
import { CloseForm, ScheduleTable } from '~/components/finance/schedule'
import { ForeignReceipts } from '~/components/finance/foreign-receipts'
import { CoFundingCard } from '~/components/finance/co-funding'
import { ReportCard } from '~/components/finance/report'
import { ReturnForm } from '~/components/finance/return-form'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { FORBIDDEN, NOT_FOUND, fieldText } from '~/domain/result'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { revalidateAfterConflict } from '~/lib/revalidate'
import { awardPageData, refusalMessage } from '~/models/award-page.server'
import { confirmFunding, recordPayment, returnToOffice, type FinanceResult } from '~/models/finance.server'
import { closeAward, editInstalment, payInstalment } from '~/models/instalments.server'
import { recordForeignReceipt } from '~/models/exchange-rates.server'
import { recordCoFunding } from '~/models/co-funding.server'
import { awardActionSchema } from '~/schemas/finance'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = {
  messages: ['application', 'audit', 'export-layout', 'finance', 'fx', 'instalments', 'review-page', 'student'],
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const page = await awardPageData(user, params.awardId ?? '')
  if (!page) throw new Response('Not found', { status: 404 })
  return page
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const awardId = params.awardId ?? ''
  const submission = parseForm(await readForm(request), { schema: awardActionSchema })
  const intent = submission.payload.intent
  if (submission.status !== 'success') {
    // A version other than a number is a page out of date, answered as the model's stale refusal is.
    const stale = Boolean(submission.error?.version)
    const result = withHiddenErrorsOnForm(submission.reply(), ['intent', 'version'])
    return data({ intent, result, done: null, grantedFen: null }, { status: stale ? 409 : 400 })
  }
  const input = submission.value
  let result: FinanceResult
  if (input.intent === 'confirm') {
    const split = input.splitFundId ? { fundId: input.splitFundId, amountFen: input.splitAmount ?? 0 } : undefined
    result = await confirmFunding(user, {
      awardId,
      version: input.version,
      approved: input.approved as Record<string, number>,
      note: input.note,
      split,
    })
  } else if (input.intent === 'return') {
    result = await returnToOffice(user, { awardId, version: input.version, reason: input.reason })
  } else if (input.intent === 'pay') {
    result = await recordPayment(user, {
      awardId,
      version: input.version,
      paidFen: input.paidAmount!,
      voucherNumber: input.voucherNumber,
      paidOn: beijingNoon(input.paidOn),
    })
  } else if (input.intent === 'payInstalment') {
    result = await payInstalment(user, {
      awardId,
      version: input.version,
      instalmentId: input.instalmentId,
      paidFen: input.paidAmount!,
      voucherNumber: input.voucherNumber,
      paidOn: beijingNoon(input.paidOn),
    })
  } else if (input.intent === 'editInstalment') {
    result = await editInstalment(user, {
      awardId,
      version: input.version,
      instalmentId: input.instalmentId,
      amountFen: input.amount!,
      dueOn: input.dueOn,
    })
  } else if (input.intent === 'close') {
    result = await closeAward(user, { awardId, version: input.version, reason: input.reason })
  } else if (input.intent === 'cofunding') {
    const recorded = await recordCoFunding(user, { awardId, ...input })
    if (recorded.ok) return { intent, result: submission.reply({ resetForm: true }), done: input.intent, grantedFen: recorded.amountFen }
    result = recorded
  } else {
    const receipt = await recordForeignReceipt(user, { awardId, ...input })
    if (receipt.ok) return { intent, result: submission.reply({ resetForm: true }), done: input.intent, grantedFen: receipt.convertedFen }
    result = receipt
  }
  // What the student was granted, for the confirmation message (a split share included).
  const grantedFen =
    input.intent === 'confirm' ? Object.values(input.approved as Record<string, number>).reduce((sum, fen) => sum + fen, 0) : null
  if (result.ok) return { intent, result: submission.reply({ resetForm: true }), done: input.intent, grantedFen }
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  if (result.error === FORBIDDEN) throw new Response('Forbidden', { status: 403 })
  if (result.fields) {
    const fieldErrors = Object.fromEntries(
      Object.entries(result.fields).map(([field, message]) => [FORM_NAMES.get(field) ?? field, [fieldText(message)]]),
    )
    return data({ intent, result: submission.reply({ fieldErrors }), done: null, grantedFen: null }, { status: 400 })
  }
  return data(
    { intent, result: submission.reply({ formErrors: [await refusalMessage(result, user.locale)] }), done: null, grantedFen: null },
    { status: 409 },
  )
}

const beijingNoon = (day: string) => new Date(`${day}T12:00:00+08:00`)

/** The model's names of the fields it refuses that the form names otherwise. */
const FORM_NAMES = new Map([
  ['split.fundId', 'splitFundId'],
  ['split.amountFen', 'splitAmount'],
  ['paidFen', 'paidAmount'],
  ['amountFen', 'amount'],
])

const doneMessage = {
  return: 'finance.award.returned',
  pay: 'finance.award.paidDone',
  payInstalment: 'instalment.paidDone',
  editInstalment: 'instalment.editedDone',
  close: 'instalment.closedDone',
} as const

export const shouldRevalidate = revalidateAfterConflict

export default function AwardPage() {
  const t = useT()
  const locale = useLocale()
  const page = useLoaderData<typeof loader>()
  const { award, application } = page
  const actionData = useActionData<typeof action>()
  const open = award.status === 'proposed' && application.status === 'funding_check'
  const payable = award.status === 'committed'
  const paymentOpen = payable && !application.awaitsReport
  const done = actionData?.done
  const lastResult = (intent: string) => (actionData?.intent === intent ? actionData.result : undefined)
  // A refusal meant for a form that is not on the page (unrecognised, or gone since the award
  // moved on) is shown at the top instead of inside it.
  const forms = [
    ...(open ? ['confirm', 'return'] : []),
    ...(paymentOpen ? ['pay', 'payInstalment'] : []),
    ...(payable ? ['editInstalment', 'close', 'receipt'] : []),
    ...(award.status !== 'proposed' ? ['cofunding'] : []),
  ]
  const orphanErrors = actionData && !forms.includes(String(actionData.intent)) ? (actionData.result.error?.[''] ?? undefined) : undefined
  return (
    <section>
      <p>
        <Link to="/finance/queue">← {t('finance.queue.title')}</Link>
      </p>
      <AwardHead award={award} application={application} />
      {done && (
        <p className="alert alert-ok" role="status">
          {done === 'confirm'
            ? t('finance.award.confirmed', { amount: formatFen(actionData?.grantedFen ?? award.approvedFen, locale) })
            : done === 'receipt' || done === 'cofunding'
              ? t(done === 'receipt' ? 'fx.receipt.added' : 'cofunding.added', { amount: formatFen(actionData?.grantedFen ?? 0, locale) })
              : t(doneMessage[done])}
        </p>
      )}
      <FormErrors errors={orphanErrors} />
      <AwardFigures {...page} />
      {open ? (
        <>
          <ConfirmForm
            award={award}
            applicationVersion={application.version}
            splitOptions={page.splitOptions}
            lastResult={lastResult('confirm')}
          />
          <ReturnForm applicationVersion={application.version} lastResult={lastResult('return')} />
        </>
      ) : (
        <AwardLinesTable award={award} actual={application.report?.actualLines} />
      )}
      {(payable || award.status === 'paid') && <ReportCard application={application} />}
      {payable && application.awaitsReport && (
        <p className="card muted" data-testid="payment-awaits-report">
          {t('finance.error.reportMissing')}
        </p>
      )}
      {page.instalments.length > 0 && (
        <ScheduleTable
          award={award}
          instalments={page.instalments}
          // One instalment is paid by the payment form below, which closes the award.
          payable={paymentOpen && page.instalments.length > 1}
          editable={payable}
          today={page.today}
          lastResult={actionData?.intent === 'payInstalment' || actionData?.intent === 'editInstalment' ? actionData : undefined}
        />
      )}
      {(payable || page.receipts.length > 0) && (
        <ForeignReceipts award={award} receipts={page.receipts} open={payable} today={page.today} lastResult={lastResult('receipt')} />
      )}
      {paymentOpen && (
        <PaymentForm
          // A new receipt changes what the form proposes: a new form, not the old one's defaults.
          key={`receipts-${page.receipts.length}`}
          receiptsFen={page.receipts.length ? page.receipts.reduce((sum, r) => sum + r.convertedFen, 0) : undefined}
          award={award}
          actual={application.report?.actualLines}
          today={page.today}
          lastResult={lastResult('pay')}
        />
      )}
      {award.status === 'paid' && award.voucherNumber && award.paidAt && (
        <p>{t('finance.award.voucherOn', { voucher: award.voucherNumber, date: formatDate(locale, award.paidAt) })}</p>
      )}
      {award.status !== 'proposed' && (
        <CoFundingCard award={award} coFunding={page.coFunding} today={page.today} lastResult={lastResult('cofunding')} />
      )}
      {payable && <CloseForm award={award} lastResult={lastResult('close')} />}
      <AwardHistory history={page.history} />
    </section>
  )
}
