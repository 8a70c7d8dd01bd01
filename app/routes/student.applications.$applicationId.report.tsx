import { getFormProps, getInputProps, getTextareaProps, useForm } from '@conform-to/react'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { z } from 'zod'
import { DocumentUpload } from '~/components/document-upload'
import { FormErrors, strayErrors } from '~/components/field'
import { lineLabel } from '~/components/finance/labels'
import { useLocale, useT } from '~/components/i18n'
import { shanghaiDate } from '~/domain/dates'
import { formatCredits } from '~/domain/learning-agreement'
import { formatFen } from '~/domain/money'
import { returnReportClosedUntil } from '~/domain/plausibility'
import { fieldErrors, NOT_FOUND, refusalText } from '~/domain/result'
import { acceptsDocument } from '~/domain/workflow'
import { formatDate } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { listDocuments } from '~/models/document.server'
import { recognisedCredits } from '~/models/learning-agreement.server'
import { reportContext, reportedLines, submitReturnReport } from '~/models/return-report.server'
import { returnReportSchema } from '~/schemas/finance'
import { parseForm, readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = {
  messages: ['application', 'documents', 'export-layout', 'finance', 'fx', 'learning-agreement'],
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const application = await reportContext(user.id, params.applicationId ?? '')
  if (!application) throw new Response('Not found', { status: 404 })
  const documents = await listDocuments(application.id)
  const awards = application.awards
  return {
    application: { id: application.id, kind: application.kind, status: application.status, program: application.program },
    // Before the mobility's last day the form is not offered, and the page says when it opens (the model refuses it too).
    reportOpensOn: returnReportClosedUntil(application.details, shanghaiDate(new Date())),
    report: application.returnReport && { submittedAt: application.returnReport.submittedAt },
    lines: application.kind === 'conference' ? reportedLines(awards) : [],
    approvedFen: awards.reduce((sum, a) => sum + a.approvedFen, 0),
    paidFen: awards.reduce((sum, a) => sum + a.paidFen, 0),
    documents: documents.filter((d) => d.kind === 'receipt' && !d.supersededAt),
    maxBytes: env().UPLOAD_MAX_BYTES,
    // Computed from the learning agreement's recognised courses (decision 26), never typed.
    recognisedTenths: await recognisedCredits(application.id),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  // Someone else's application is not found, whatever the form says.
  if (!(await reportContext(user.id, applicationId))) throw new Response('Not found', { status: 404 })
  const submission = parseForm(await readForm(request), { schema: returnReportSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const { summary, actual } = submission.value
  const result = await submitReturnReport(user, applicationId, { summary, actual: actual as Record<string, number> })
  if (result.ok) return redirect(`/student/applications/${applicationId}/report?submitted=1`)
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  if (result.fields) return data({ result: submission.reply({ fieldErrors: fieldErrors(result) }) }, { status: 400 })
  // Not due (any more) is a page out of date; not open yet, a form sent too early.
  return data({ result: submission.reply({ formErrors: [refusalText(result)] }) }, { status: result.error === 'report.notYet' ? 409 : 400 })
}

export default function ReturnReportPage() {
  const t = useT()
  const locale = useLocale()
  const { application, reportOpensOn, report, lines, approvedFen, paidFen, documents, maxBytes, recognisedTenths } =
    useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const [form, fields] = useForm<z.input<typeof returnReportSchema>>({
    id: 'return-report',
    lastResult: actionData?.result,
    shouldValidate: 'onSubmit',
  })
  const actual = fields.actual.getFieldset()
  const open = application.status === 'approved' && !report
  return (
    <section>
      <p>
        <Link to={`/student/applications/${application.id}`}>
          ← {locale === 'en' ? application.program.titleEn : application.program.titleZh}
        </Link>
      </p>
      <h1>{t('report.title')}</h1>
      {params.get('submitted') === '1' && (
        <p className="alert alert-ok" role="status">
          {t('report.submitted')}
        </p>
      )}
      {approvedFen > 0 && (
        <p data-testid="award-amount">
          {t('report.award', { amount: formatFen(approvedFen, locale) })}
          {paidFen > 0 && ` · ${t('report.awardPaid', { amount: formatFen(paidFen, locale) })}`}
        </p>
      )}
      {report ? (
        <p className="card">{t('report.done', { date: formatDate(locale, report.submittedAt) })}</p>
      ) : !open ? (
        <p className="card muted">{t('report.notYet')}</p>
      ) : (
        <>
          <p className="muted">{t('report.intro')}</p>
          {lines.length > 0 && (
            <div className="card" id="documents-receipt">
              <h2>{t('report.receipts')}</h2>
              <FormErrors errors={form.allErrors.receipts} />
              <DocumentUpload
                applicationId={application.id}
                kind="receipt"
                documents={documents}
                editable={acceptsDocument(application.status, 'receipt')}
                maxBytes={maxBytes}
              />
            </div>
          )}
          {reportOpensOn ? (
            <p className="card muted" data-testid="report-opens-on">
              {t('report.error.notOpen', { date: formatDate(locale, `${reportOpensOn}T12:00:00+08:00`) })}
            </p>
          ) : (
            <Form method="post" {...getFormProps(form)} className="card stack">
              <FormErrors errors={form.errors} />
              <div className="field">
                <label htmlFor={fields.summary.id}>{t('report.summary')}</label>
                <textarea {...getTextareaProps(fields.summary)} rows={6} />
                <FormErrors errors={fields.summary.errors} />
              </div>
              {recognisedTenths !== null && (
                <p data-testid="credits-computed">
                  {t('report.creditsComputed', { credits: formatCredits(recognisedTenths) })} ·{' '}
                  <Link to={`/student/applications/${application.id}/learning-agreement`}>{t('la.link')}</Link>
                </p>
              )}
              {lines.length > 0 && (
                <fieldset>
                  <legend>{t('report.actual')}</legend>
                  {lines.map((line) => (
                    <div className="field" key={line}>
                      <label htmlFor={actual[line].id}>{lineLabel(t, line)}</label>
                      <input {...getInputProps(actual[line], { type: 'text' })} inputMode="decimal" />
                      <FormErrors errors={actual[line].errors} />
                    </div>
                  ))}
                  <FormErrors errors={fields.actual.errors} />
                </fieldset>
              )}
              <FormErrors errors={strayErrors(form.allErrors, 'actual', lines)} />
              <button type="submit" className="primary">
                {t('report.submit')}
              </button>
            </Form>
          )}
        </>
      )}
    </section>
  )
}
