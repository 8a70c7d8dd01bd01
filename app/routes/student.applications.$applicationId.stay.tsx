import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import type { ReactNode } from 'react'
import { DocumentUpload } from '~/components/document-upload'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { countryName, countryOptions } from '~/domain/countries'
import { fieldErrors, NOT_FOUND, refusalText } from '~/domain/result'
import { PLEDGE_VERSION, quizSchema, returnDueOn, stayPhase, visaStatuses, type StayItem } from '~/domain/stay'
import { acceptsDocument } from '~/domain/workflow'
import { formatDate, formatDateTime, formatList } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { parseForm, readForm } from '~/lib/form.server'
import { listDocuments } from '~/models/document.server'
import { isoDay } from '~/models/stay-record.server'
import { ownsApplication, stayPageData, studentStayAction } from '~/models/stay.server'
import { stayActionSchema } from '~/schemas/stay'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'documents', 'stay'] }

// /student/applications/:id/stay: before, during and after the stay (decision 22). The checklist
// with deadlines, each item's form, the education quiz, the pledge, the guardian's link, then the
// departure (refused while an item is missing), the arrival and the return.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const page = await stayPageData(user.id, params.applicationId ?? '')
  if (!page) throw new Response('Not found', { status: 404 })
  const { application, stay, lines, education } = page
  const questions = education ? quizSchema.safeParse(education.questions) : null
  const documents = stay
    ? (await listDocuments(application.id)).filter((d) => (d.kind === 'insurance_policy' || d.kind === 'visa') && !d.supersededAt)
    : []
  return {
    application: {
      id: application.id,
      status: application.status,
      program: application.program,
      reported: Boolean(application.returnReport),
    },
    stay: stay && {
      phase: stayPhase(stay),
      startsOn: isoDay(stay.startsOn),
      endsOn: isoDay(stay.endsOn),
      countryCode: stay.countryCode,
      city: stay.city,
      itinerary: stay.itinerary as { flight?: string; departOn?: string; returnOn?: string; address?: string } | null,
      emergencyContact: stay.emergencyContact as { name?: string; relation?: string; phone?: string } | null,
      visaStatus: stay.visaStatus,
      quizAttempts: stay.quizAttempts,
      educationScore: stay.educationScore,
      educationPassed: Boolean(stay.educationPassedAt),
      pledgeSignedAt: stay.pledgeSignedAt,
      guardianEmail: stay.guardianEmail,
      guardianConsentAt: stay.guardianConsentAt,
    },
    guardianPending: page.guardianLink ?? null,
    lines,
    // The questions without their answers: the loader's JSON reaches the browser.
    education:
      education && questions?.success
        ? {
            materialZh: education.materialZh,
            materialEn: education.materialEn,
            passPercent: education.passPercent,
            questions: questions.data.map(({ promptZh, promptEn, choicesZh, choicesEn }) => ({ promptZh, promptEn, choicesZh, choicesEn })),
          }
        : null,
    documents,
    maxBytes: env().UPLOAD_MAX_BYTES,
    // Names from the server's ICU: the browser's could differ and break hydration.
    countries: countryOptions(user.locale),
    countryName: stay?.countryCode ? countryName(stay.countryCode, user.locale) : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  const applicationId = params.applicationId ?? ''
  // Someone else's application is not found, whatever the form says.
  if (!(await ownsApplication(user.id, applicationId))) throw new Response('Not found', { status: 404 })
  const submission = parseForm(await readForm(request), { schema: stayActionSchema })
  if (submission.status !== 'success') return data({ intent: null, result: submission.reply() }, { status: 400 })
  const input = submission.value
  const result = await studentStayAction(user, applicationId, input)
  if (result.ok) {
    const query = new URLSearchParams({ done: input.intent === 'step' ? input.step : input.intent })
    if (result.score !== undefined) query.set('score', String(result.score))
    if (result.passed !== undefined) query.set('passed', result.passed ? '1' : '0')
    return redirect(`/student/applications/${applicationId}/stay?${query}`)
  }
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  const reply = result.fields
    ? submission.reply({ fieldErrors: fieldErrors(result) })
    : submission.reply({ formErrors: [refusalText(result)] })
  // A step out of order is a page out of date; anything else, a form to correct.
  return data({ intent: input.intent, result: reply }, { status: result.error === 'stay.error.order' ? 409 : 400 })
}

export default function StayPage() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const {
    application,
    stay,
    lines,
    education,
    documents,
    maxBytes,
    guardianPending,
    countries,
    countryName: placeName,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const errorsFor = (intent: string) => {
    if (actionData?.intent !== intent && !(intent === 'step' && actionData?.intent === null)) return null
    const error = actionData.result.error ?? {}
    return <FormErrors errors={Object.values(error).flatMap((e) => e ?? [])} />
  }
  const title = en ? application.program.titleEn : application.program.titleZh
  const back = (
    <p>
      <Link to={`/student/applications/${application.id}`}>← {title}</Link>
    </p>
  )
  if (!stay) {
    return (
      <section>
        {back}
        <h1>{t('stay.title')}</h1>
        <p className="card muted">{t('stay.notApproved')}</p>
      </section>
    )
  }
  const open = application.status === 'approved'
  const preparing = open && stay.phase === 'preparing'
  const missing = lines.filter((l) => !l.done)
  const required = new Set<StayItem>(lines.map((l) => l.item))
  const section = (item: StayItem, body: ReactNode) =>
    required.has(item) && (
      <div className="card stack" id={`item-${item}`}>
        <h2>{t(`stay.item.${item}`)}</h2>
        {body}
      </div>
    )
  return (
    <section>
      {back}
      <h1>{t('stay.title')}</h1>
      <p>
        <span className="badge" data-testid="stay-phase">
          {t(`stay.phase.${stay.phase}`)}
        </span>{' '}
        {t('stay.dates', {
          start: formatDate(locale, `${stay.startsOn}T12:00:00+08:00`),
          end: formatDate(locale, `${stay.endsOn}T12:00:00+08:00`),
        })}
      </p>
      {done && (
        <p className={done === 'quiz' && params.get('passed') === '0' ? 'alert alert-error' : 'alert alert-ok'} role="status">
          {done === 'quiz'
            ? params.get('passed') === '1'
              ? t('stay.education.passed', { score: params.get('score') ?? '' })
              : t('stay.education.failed', { score: params.get('score') ?? '', pass: education?.passPercent ?? '' })
            : done === 'guardian'
              ? t('stay.guardian.sent', { email: stay.guardianEmail ?? '' })
              : t('stay.saved')}
        </p>
      )}

      <div className="card">
        <h2>{t('stay.checklist')}</h2>
        <ul data-testid="checklist">
          {lines.map((l) => (
            <li key={l.item} data-item={l.item} data-done={l.done ? 'yes' : 'no'}>
              <a href={`#item-${l.item}`}>{t(`stay.item.${l.item}`)}</a> ·{' '}
              {t('stay.dueOn', { date: formatDate(locale, `${l.dueOn}T12:00:00+08:00`) })} ·{' '}
              <strong>{l.done ? t('stay.done') : l.overdue ? t('stay.overdue') : t('stay.todo')}</strong>
            </li>
          ))}
        </ul>
      </div>

      {preparing && (
        <>
          {section(
            'itinerary',
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="itinerary" />
              {errorsFor('itinerary')}
              <TextField form="itinerary" name="flight" label={t('stay.itinerary.flight')} value={stay.itinerary?.flight} />
              <TextField
                form="itinerary"
                name="departOn"
                label={t('stay.itinerary.departOn')}
                value={stay.itinerary?.departOn}
                type="date"
              />
              <TextField
                form="itinerary"
                name="returnOn"
                label={t('stay.itinerary.returnOn')}
                value={stay.itinerary?.returnOn}
                type="date"
              />
              <div className="field">
                <label htmlFor="countryCode">{t('stay.itinerary.country')}</label>
                <select id="countryCode" name="countryCode" defaultValue={stay.countryCode ?? ''}>
                  <option value="">—</option>
                  {countries.map(({ code, name }) => (
                    <option key={code} value={code}>
                      {name}
                    </option>
                  ))}
                </select>
              </div>
              <TextField form="itinerary" name="city" label={t('stay.itinerary.city')} value={stay.city ?? undefined} />
              <TextField form="itinerary" name="address" label={t('stay.itinerary.address')} value={stay.itinerary?.address} />
              <button type="submit">{t('stay.save')}</button>
            </Form>,
          )}
          {section(
            'insurance',
            <DocumentUpload
              applicationId={application.id}
              kind="insurance_policy"
              documents={documents.filter((d) => d.kind === 'insurance_policy')}
              editable={acceptsDocument(application.status, 'insurance_policy')}
              maxBytes={maxBytes}
            />,
          )}
          {section(
            'visa',
            <>
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="visa" />
                {errorsFor('visa')}
                <div className="field">
                  <label htmlFor="visaStatus">{t('stay.visa.status')}</label>
                  <select id="visaStatus" name="visaStatus" defaultValue={stay.visaStatus ?? ''}>
                    <option value="">—</option>
                    {visaStatuses.map((v) => (
                      <option key={v} value={v}>
                        {t(`stay.visa.${v}`)}
                      </option>
                    ))}
                  </select>
                </div>
                <button type="submit">{t('stay.save')}</button>
              </Form>
              {stay.visaStatus !== 'not_needed' && (
                <DocumentUpload
                  applicationId={application.id}
                  kind="visa"
                  documents={documents.filter((d) => d.kind === 'visa')}
                  editable={acceptsDocument(application.status, 'visa')}
                  maxBytes={maxBytes}
                />
              )}
            </>,
          )}
          {section(
            'emergency_contact',
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="contact" />
              {errorsFor('contact')}
              <TextField form="contact" name="name" label={t('stay.contact.name')} value={stay.emergencyContact?.name} />
              <TextField form="contact" name="relation" label={t('stay.contact.relation')} value={stay.emergencyContact?.relation} />
              <TextField form="contact" name="phone" label={t('stay.contact.phone')} value={stay.emergencyContact?.phone} type="tel" />
              <button type="submit">{t('stay.save')}</button>
            </Form>,
          )}
          {section(
            'education',
            !education ? (
              <p className="muted">{t('stay.education.none')}</p>
            ) : (
              <>
                <h3>{t('stay.education.material')}</h3>
                <div className="prose" style={{ whiteSpace: 'pre-wrap' }}>
                  {en ? education.materialEn : education.materialZh}
                </div>
                {stay.educationPassed ? (
                  <p className="alert alert-ok">{t('stay.education.passed', { score: stay.educationScore ?? '' })}</p>
                ) : (
                  <Form method="post" className="stack" data-testid="quiz">
                    <input type="hidden" name="intent" value="quiz" />
                    <h3>{t('stay.education.quiz', { pass: education.passPercent })}</h3>
                    {stay.quizAttempts > 0 && <p className="muted">{t('stay.education.attempts', { count: stay.quizAttempts })}</p>}
                    {errorsFor('quiz')}
                    {education.questions.map((q, i) => (
                      <fieldset key={i}>
                        <legend>
                          {i + 1}. {en ? q.promptEn : q.promptZh}
                        </legend>
                        {(en ? q.choicesEn : q.choicesZh).map((choice, c) => (
                          <label key={c} style={{ display: 'block' }}>
                            <input type="radio" name={`answer[${i}]`} value={c} /> {choice}
                          </label>
                        ))}
                      </fieldset>
                    ))}
                    <button type="submit">{t('stay.education.submit')}</button>
                  </Form>
                )}
              </>
            ),
          )}
          {section(
            'pledge',
            <>
              <p className="prose">{t('stay.pledge.text')}</p>
              {stay.pledgeSignedAt ? (
                <p>
                  {t('stay.pledge.signed', { date: formatDateTime(locale, stay.pledgeSignedAt), version: PLEDGE_VERSION })}{' '}
                  <a href={`/student/applications/${application.id}/pledge.pdf`} target="_blank" rel="noreferrer">
                    {t('stay.pledge.pdf')}
                  </a>
                </p>
              ) : (
                <Form method="post" className="stack">
                  <input type="hidden" name="intent" value="pledge" />
                  {errorsFor('pledge')}
                  <TextField form="pledge" name="name" label={t('stay.pledge.name')} />
                  <button type="submit">{t('stay.pledge.sign')}</button>
                </Form>
              )}
            </>,
          )}
          {section(
            'guardian_consent',
            stay.guardianConsentAt ? (
              <p>{t('stay.guardian.done', { email: stay.guardianEmail ?? '', date: formatDateTime(locale, stay.guardianConsentAt) })}</p>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="guardian" />
                {guardianPending && <p className="muted">{t('stay.guardian.sent', { email: guardianPending.email })}</p>}
                {errorsFor('guardian')}
                <TextField form="guardian" name="guardianEmail" label={t('stay.guardian.email')} type="email" />
                <button type="submit">{t('stay.guardian.send')}</button>
              </Form>
            ),
          )}
        </>
      )}

      {open && (
        <div className="card stack">
          {stay.phase === 'preparing' && missing.length > 0 && (
            <p className="muted" data-testid="blocked">
              {t('stay.blocked', {
                items: formatList(
                  t,
                  missing.map((l) => t(`stay.item.${l.item}`)),
                ),
              })}
            </p>
          )}
          {(stay.phase === 'arrived' || stay.phase === 'departed') && (
            <p>{t('stay.returnDue', { date: formatDate(locale, `${returnDueOn(stay.endsOn)}T12:00:00+08:00`) })}</p>
          )}
          {errorsFor('step')}
          {stay.phase !== 'returned' && (
            <Form method="post">
              <input type="hidden" name="intent" value="step" />
              <input
                type="hidden"
                name="step"
                value={stay.phase === 'preparing' ? 'depart' : stay.phase === 'departed' ? 'arrive' : 'return'}
              />
              <button type="submit" className="primary">
                {t(stay.phase === 'preparing' ? 'stay.depart' : stay.phase === 'departed' ? 'stay.arrive' : 'stay.return')}
              </button>
            </Form>
          )}
          {stay.phase === 'returned' && !application.reported && (
            <p>
              <Link to={`/student/applications/${application.id}/report`} className="button primary">
                {t('stay.report')}
              </Link>
            </p>
          )}
        </div>
      )}
      {placeName && (
        <p className="muted">
          {placeName}
          {stay.city ? ` · ${stay.city}` : ''}
        </p>
      )}
    </section>
  )
}

function TextField({
  form,
  name,
  label,
  value,
  type = 'text',
}: {
  form: string
  name: string
  label: string
  value?: string
  type?: string
}) {
  const id = `${form}-${name}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input id={id} name={name} type={type} defaultValue={value ?? ''} />
    </div>
  )
}
