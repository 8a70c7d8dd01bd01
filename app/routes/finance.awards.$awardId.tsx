import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm, type SubmissionResult } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors, strayErrors } from '~/components/field'
import { auditActionLabel, statusChangeLabel } from '~/components/audit-labels'
import { lineLabel } from '~/components/finance/labels'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { linesAboveStandard, type AwardLines } from '~/domain/funding'
import { fenToYuanInput, formatFen, inLineOrder, lineEntries } from '~/domain/money'
import { paymentAwaitsReport } from '~/domain/plausibility'
import { formatDate, formatDateTime } from '~/i18n'
import { revalidateAfterConflict } from '~/lib/revalidate'
import { requireUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { applicationReference } from '~/models/application.server'
import { awardForFinance, confirmFunding, recordPayment, returnToOffice, type FinanceResult } from '~/models/finance.server'
import type { z } from 'zod'
import { awardActionSchema, type confirmAwardSchema, type payAwardSchema, type returnAwardSchema } from '~/schemas/finance'
import { msg } from '~/schemas/fields'
import { parseForm, readForm } from '~/lib/form.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const found = await awardForFinance(user, params.awardId ?? '')
  if (!found) throw new Response('Not found', { status: 404 })
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
    result = await confirmFunding(user, { awardId, version: input.version, approved: input.approved as Record<string, number>, note: input.note, split })
  } else if (input.intent === 'return') {
    result = await returnToOffice(user, { awardId, version: input.version, reason: input.reason })
  } else {
    result = await recordPayment(user, {
      awardId,
      version: input.version,
      paidFen: input.paidAmount!,
      voucherNumber: input.voucherNumber,
      paidOn: new Date(`${input.paidOn}T12:00:00+08:00`),
    })
  }
  // What the student was granted, for the confirmation message (a split share included).
  const grantedFen = input.intent === 'confirm' ? Object.values(input.approved as Record<string, number>).reduce((sum, fen) => sum + fen, 0) : null
  if (result.ok) return { intent, result: submission.reply({ resetForm: true }), done: input.intent, grantedFen }
  if (result.error === 'notFound') throw new Response('Not found', { status: 404 })
  if (result.error === 'forbidden') throw new Response('Forbidden', { status: 403 })
  if (result.error === 'invalid') {
    const fieldErrors = Object.fromEntries(Object.entries(result.fields).map(([field, key]) => [field.replace(/^split\.fundId$/, 'splitFundId').replace(/^split\.amountFen$/, 'splitAmount').replace(/^paidFen$/, 'paidAmount'), [key]]))
    return data({ intent, result: submission.reply({ fieldErrors }), done: null, grantedFen: null }, { status: 400 })
  }
  return data({ intent, result: submission.reply({ formErrors: [await refusalMessage(result, user.locale)] }), done: null, grantedFen: null }, { status: 409 })
}

export const shouldRevalidate = revalidateAfterConflict

/** A refusal as a message key with its parameters already formatted in the user's language. */
async function refusalMessage(result: Extract<FinanceResult, { ok: false }>, locale: 'zh-CN' | 'en'): Promise<string> {
  if (result.error !== 'budget' && result.error !== 'cap') return 'finance.award.stale'
  const fund = await prisma.fund.findUnique({ where: { id: result.fundId }, select: { nameZh: true, nameEn: true } })
  const params = { fund: (locale === 'en' ? fund?.nameEn : fund?.nameZh) ?? '', available: formatFen(result.availableFen, locale) }
  if (result.error === 'cap') return msg('finance.error.cap', { ...params, cap: formatFen(result.capFen, locale) })
  return msg(`finance.error.budget.${result.reason}`, params)
}

export default function AwardPage() {
  const t = useT()
  const locale = useLocale()
  const { award, application, flags, fundRemainingFen, allocation, allocationRemainingFen, others, splitOptions, history, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh)
  const title = (x: { titleZh: string; titleEn: string }) => (locale === 'en' ? x.titleEn : x.titleZh)
  const money = (fen: number) => formatFen(fen, locale)
  const open = award.status === 'proposed' && application.status === 'funding_check'
  const payable = award.status === 'committed'
  const paymentOpen = payable && !application.awaitsReport
  const done = actionData?.done
  // A refusal meant for a form that is not on the page (unrecognised, or gone since the award
  // moved on) is shown at the top instead of inside it.
  const forms = [...(open ? ['confirm', 'return'] : []), ...(paymentOpen ? ['pay'] : [])]
  const orphanErrors = actionData && !forms.includes(String(actionData.intent)) ? (actionData.result.error?.[''] ?? undefined) : undefined
  return (
    <section>
      <p>
        <Link to="/finance/queue">← {t('finance.queue.title')}</Link>
      </p>
      <div className="app-head">
        <div>
          <h1>
            {t('finance.award.title')} · {name(application.applicant)}
          </h1>
          <p className="muted">
            {application.applicant.studentNumber} · {name(application.applicant.college!)} · {t(`kind.${application.kind}`)} ·{' '}
            {title(application.program)} · {application.reference}
          </p>
          <p>
            <Link to={`/review/${application.id}`}>{t('finance.award.openApplication')} →</Link>
          </p>
        </div>
        <span className={`badge badge-${award.status === 'paid' ? 'approved' : award.status === 'released' ? 'withdrawn' : 'waitlisted'}`} data-testid="award-status">
          {t(`finance.award.status.${award.status}`)}
        </span>
      </div>

      {done && (
        <p className="alert alert-ok" role="status">
          {done === 'confirm'
            ? t('finance.award.confirmed', { amount: money(actionData?.grantedFen ?? award.approvedFen) })
            : t(done === 'return' ? 'finance.award.returned' : 'finance.award.paidDone')}
        </p>
      )}
      <FormErrors errors={orphanErrors} />

      <div className="grid">
        <div className="stat">
          <div className="value">{name(award.fund)}</div>
          <div className="label">{t('finance.award.fund')}</div>
        </div>
        <div className="stat">
          <div className="value" data-testid="fund-remaining">{money(fundRemainingFen)}</div>
          <div className="label">{t('finance.queue.fundRemaining')}</div>
        </div>
        <div className="stat">
          <div className="value">{money(allocationRemainingFen)}</div>
          <div className="label">{t(allocation === 'college' ? 'finance.queue.allocationRemaining' : 'finance.queue.poolRemaining')}</div>
        </div>
      </div>

      {flags.length > 0 && (
        <p className="badges" data-testid="award-flags">
          {flags.map((flag) => (
            <span key={flag} className="badge badge-changes_requested">
              {t(`finance.flag.${flag}`)}
            </span>
          ))}
        </p>
      )}

      {others.length > 0 && (
        <div className="card">
          <h2>{t('finance.queue.others')}</h2>
          <ul className="plain">
            {others.map((o) => (
              <li key={o.id}>
                {title(o.program)} · {name(o.fund)} · {money(o.approvedFen)} · {t(`finance.award.status.${o.status}`)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {open ? (
        <>
          <ConfirmForm award={award} applicationVersion={application.version} splitOptions={splitOptions} lastResult={actionData?.intent === 'confirm' ? actionData.result : undefined} />
          <ReturnForm applicationVersion={application.version} lastResult={actionData?.intent === 'return' ? actionData.result : undefined} />
        </>
      ) : (
        <AwardLinesTable award={award} actual={application.report?.actualLines} />
      )}

      {(payable || award.status === 'paid') && (
        <div className="card">
          <h2>{t('finance.award.report')}</h2>
          {application.report ? (
            <>
              <p>{application.report.summary}</p>
              {application.report.creditTenths !== null && <p>{t('finance.award.credits', { credits: application.report.creditTenths / 10 })}</p>}
              <p className="muted">{formatDateTime(locale, application.report.submittedAt)}</p>
            </>
          ) : (
            <p className="muted">{t('finance.award.noReport')}</p>
          )}
          <h3>{t('finance.award.receipts')}</h3>
          {application.documents.some((d) => d.kind === 'receipt') ? (
            <ul className="plain">
              {application.documents
                .filter((d) => d.kind === 'receipt')
                .map((d) => (
                  <li key={d.id}>
                    <a href={`/documents/${d.id}`}>{d.originalName}</a>
                  </li>
                ))}
            </ul>
          ) : (
            <p className="muted">{t('finance.award.noReceipts')}</p>
          )}
        </div>
      )}

      {payable && application.awaitsReport && (
        <p className="card muted" data-testid="payment-awaits-report">
          {t('finance.error.reportMissing')}
        </p>
      )}
      {paymentOpen && (
        <PaymentForm award={award} actual={application.report?.actualLines} today={today} lastResult={actionData?.intent === 'pay' ? actionData.result : undefined} />
      )}

      {award.status === 'paid' && award.voucherNumber && award.paidAt && (
        <p>{t('finance.award.voucherOn', { voucher: award.voucherNumber, date: formatDate(locale, award.paidAt) })}</p>
      )}

      <h2>{t('finance.award.history')}</h2>
      <ul className="timeline" data-testid="award-history">
        {history.map((h) => (
          <li key={h.id}>
            <strong>{auditActionLabel(t, h.action)}</strong>
            <span className="muted">
              {' '}
              · {formatDateTime(locale, h.at)}
              {h.actor && ` · ${name(h.actor)}`}
            </span>
            {h.change && <div>{statusChangeLabel(t, h.change)}</div>}
            {h.text && <div>{h.text}</div>}
          </li>
        ))}
      </ul>
    </section>
  )
}

type AwardView = ReturnType<typeof useLoaderData<typeof loader>>['award']
type LastResult = SubmissionResult<string[]> | undefined

function AwardLinesTable({ award, actual }: { award: AwardView; actual?: Record<string, number> }) {
  const t = useT()
  const locale = useLocale()
  const money = (fen: number | undefined) => (fen === undefined ? '—' : formatFen(fen, locale))
  const lines = award.lines as AwardLines
  return (
    <div className="table-wrap">
      <table className="data" data-testid="award-lines">
        <thead>
          <tr>
            <th>{t('finance.award.line')}</th>
            <th>{t('finance.award.requested')}</th>
            <th>{t('finance.award.approved')}</th>
            {actual && <th>{t('finance.award.actual')}</th>}
          </tr>
        </thead>
        <tbody>
          {Object.keys(lines).length === 0 && (
            <tr>
              <td colSpan={actual ? 4 : 3}>{t('finance.award.splitPart')}</td>
            </tr>
          )}
          {lineEntries(lines).map(([line, l]) => (
            <tr key={line}>
              <td>{lineLabel(t, line)}</td>
              <td>{money(l.requestedFen)}</td>
              <td>{money(l.approvedFen)}</td>
              {actual && <td>{money(actual[line])}</td>}
            </tr>
          ))}
          <tr>
            <th>{t('finance.award.total')}</th>
            <th>{money(award.requestedFen)}</th>
            <th>{money(award.approvedFen)}</th>
            {actual && <th>{money(Object.values(actual).reduce((s, v) => s + v, 0))}</th>}
          </tr>
        </tbody>
      </table>
    </div>
  )
}

function ConfirmForm({
  award,
  applicationVersion,
  splitOptions,
  lastResult,
}: {
  award: AwardView
  applicationVersion: number
  splitOptions: { id: string; nameZh: string; nameEn: string }[]
  lastResult: LastResult
}) {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const lines = award.lines as AwardLines
  const above = new Set(linesAboveStandard(lines, award.lineStandards))
  const [form, fields] = useForm<z.input<typeof confirmAwardSchema>>({
    id: 'confirm-award',
    lastResult,
    defaultValue: { approved: Object.fromEntries(lineEntries(lines).map(([line, l]) => [line, fenToYuanInput(l.requestedFen)])) },
    shouldValidate: 'onSubmit',
  })
  const approved = fields.approved.getFieldset()
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <input type="hidden" name="intent" value="confirm" />
      <input type="hidden" name="version" value={applicationVersion} />
      <FormErrors errors={(form.errors)} />
      <div className="table-wrap">
        <table className="data" data-testid="award-lines">
          <thead>
            <tr>
              <th>{t('finance.award.line')}</th>
              <th>{t('finance.award.requested')}</th>
              <th>{t('finance.award.standard')}</th>
              <th>{t('finance.award.approved')}</th>
            </tr>
          </thead>
          <tbody>
            {lineEntries(lines).map(([line, l]) => {
              const field = approved[line]
              const errors = errorText(field.errors)
              return (
                <tr key={line} className={above.has(line) ? 'warn' : undefined}>
                  <td>
                    <label htmlFor={field.id}>{lineLabel(t, line)}</label>
                  </td>
                  <td>{formatFen(l.requestedFen, locale)}</td>
                  <td>{award.lineStandards[line] === undefined ? '—' : formatFen(award.lineStandards[line], locale)}</td>
                  <td>
                    <input {...getInputProps(field, { type: 'text' })} inputMode="decimal" size={10} />
                    {errors?.map((e) => (
                      <div key={e} className="field-error" role="alert">
                        {e}
                      </div>
                    ))}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <FormErrors errors={[...(fields.approved.errors ?? []), ...strayErrors(form.allErrors, 'approved', Object.keys(lines))]} />
      <div className="field">
        <label htmlFor={fields.note.id}>{t('finance.award.note')}</label>
        <textarea {...getTextareaProps(fields.note)} rows={2} />
        <FormErrors errors={(fields.note.errors)} />
      </div>
      {splitOptions.length > 0 && (
        <fieldset>
          <legend>{t('finance.award.split')}</legend>
          <div className="field">
            <label htmlFor={fields.splitFundId.id}>{t('finance.award.splitFund')}</label>
            <select {...getSelectProps(fields.splitFundId)}>
              <option value="">{t('finance.award.splitNone')}</option>
              {splitOptions.map((f) => (
                <option key={f.id} value={f.id}>
                  {locale === 'en' ? f.nameEn : f.nameZh}
                </option>
              ))}
            </select>
            <FormErrors errors={(fields.splitFundId.errors)} />
          </div>
          <div className="field">
            <label htmlFor={fields.splitAmount.id}>{t('finance.award.splitAmount')}</label>
            <input {...getInputProps(fields.splitAmount, { type: 'text' })} inputMode="decimal" />
            <FormErrors errors={(fields.splitAmount.errors)} />
          </div>
        </fieldset>
      )}
      <button type="submit" className="primary">
        {t('finance.award.confirm')}
      </button>
    </Form>
  )
}

function ReturnForm({ applicationVersion, lastResult }: { applicationVersion: number; lastResult: LastResult }) {
  const t = useT()
  const [form, fields] = useForm<z.input<typeof returnAwardSchema>>({ id: 'return-award', lastResult, shouldValidate: 'onSubmit' })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t('finance.award.returnTitle')}</h2>
      <input type="hidden" name="intent" value="return" />
      <input type="hidden" name="version" value={applicationVersion} />
      <FormErrors errors={(form.errors)} />
      <div className="field">
        <label htmlFor={fields.reason.id}>{t('finance.award.returnReason')}</label>
        <textarea {...getTextareaProps(fields.reason)} rows={2} />
        <FormErrors errors={(fields.reason.errors)} />
      </div>
      <button type="submit" className="secondary">
        {t('finance.award.return')}
      </button>
    </Form>
  )
}

function PaymentForm({ award, actual, today, lastResult }: { award: AwardView; actual?: Record<string, number>; today: string; lastResult: LastResult }) {
  const t = useT()
  // Reimbursement: what was spent, never more than what was committed.
  const spent = actual ? Object.values(actual).reduce((s, v) => s + v, 0) : award.approvedFen
  const [form, fields] = useForm<z.input<typeof payAwardSchema>>({
    id: 'pay-award',
    lastResult,
    defaultValue: { paidAmount: fenToYuanInput(Math.min(spent, award.approvedFen)), paidOn: today },
    shouldValidate: 'onSubmit',
  })
  return (
    <Form method="post" {...getFormProps(form)} className="card">
      <h2>{t('finance.award.payTitle')}</h2>
      <input type="hidden" name="intent" value="pay" />
      <input type="hidden" name="version" value={award.version} />
      <FormErrors errors={(form.errors)} />
      {(
        [
          ['paidAmount', 'finance.award.paidAmount', 'text'],
          ['voucherNumber', 'finance.award.voucher', 'text'],
          ['paidOn', 'finance.award.paidOn', 'date'],
        ] as const
      ).map(([name, label, type]) => (
        <div className="field" key={name}>
          <label htmlFor={fields[name].id}>{t(label)}</label>
          <input {...getInputProps(fields[name], { type })} {...(name === 'paidOn' && { max: today })} />
          <FormErrors errors={(fields[name].errors)} />
        </div>
      ))}
      <button type="submit" className="primary">
        {t('finance.award.pay')}
      </button>
    </Form>
  )
}
