import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { countryName, countryOptions } from '~/domain/countries'
import { programKinds } from '~/domain/program'
import { fieldErrors, FORBIDDEN, NOT_FOUND, refusalText } from '~/domain/result'
import { formatDate, formatList } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { activeColleges } from '~/models/college.server'
import {
  blockedStudents,
  recentIncidents,
  remindBlocked,
  requestedWhereFilter,
  sendIncident,
  stayFigures,
  whereAreStudents,
} from '~/models/stay-office.server'
import { takeStep } from '~/models/stay.server'
import { officeStayActionSchema } from '~/schemas/stay'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'stay'] }

// /office/stays: the students' stays for the international office (decision 22). Where our
// students are on a day (counts by country and city, the list, its xlsx), returns overdue, who is
// blocked before departure (with reminders in bulk), arrivals recorded for students, and incident
// messages with their answers so far.
const ROLES = ['office_reviewer', 'admin'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...ROLES] })
  const filter = requestedWhereFilter(request)
  const [where, blocked, incidents, figures, colleges] = await Promise.all([
    whereAreStudents(user, filter.on, filter),
    blockedStudents(user),
    recentIncidents(user),
    stayFigures(user),
    activeColleges(),
  ])
  // Country names from the server's ICU: the browser's could differ and break hydration.
  const named = (code: string | null) => (code ? countryName(code, user.locale) : null)
  return {
    filter,
    where: {
      rows: where.rows.map((r) => ({ ...r, country: named(r.countryCode) })),
      counts: where.counts.map((c) => ({ ...c, country: named(c.countryCode) })),
    },
    blocked,
    incidents: incidents.map((i) => ({ ...i, country: named(i.countryCode) })),
    figures,
    colleges: colleges.map((c) => ({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })),
    countries: countryOptions(user.locale),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: [...ROLES] })
  const submission = parseForm(await readForm(request), { schema: officeStayActionSchema })
  if (submission.status !== 'success') return data({ intent: null, result: submission.reply() }, { status: 400 })
  const input = submission.value
  const result =
    input.intent === 'remind'
      ? await remindBlocked(user, input.applicationId)
      : input.intent === 'incident'
        ? await sendIncident(user, input)
        : await takeStep(user, input.applicationId, input.step, true)
  if (result.ok) {
    const count = 'count' in result ? String(result.count) : ''
    return redirect(`/office/stays?done=${input.intent}&count=${count}`)
  }
  if (result.error === NOT_FOUND) throw new Response('Not found', { status: 404 })
  if (result.error === FORBIDDEN) throw new Response('Forbidden', { status: 403 })
  const reply = result.fields
    ? submission.reply({ fieldErrors: fieldErrors(result) })
    : submission.reply({ formErrors: [refusalText(result)] })
  return data({ intent: input.intent, result: reply }, { status: result.error === 'stay.error.order' ? 409 : 400 })
}

export default function OfficeStays() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { filter, where, blocked, incidents, figures, colleges, countries } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [params] = useSearchParams()
  const done = params.get('done')
  const errorsFor = (intent: string) =>
    (actionData?.intent === intent || (actionData?.intent === null && intent === 'incident')) && (
      <FormErrors errors={Object.values(actionData.result.error ?? {}).flatMap((e) => e ?? [])} />
    )
  const query = new URLSearchParams({
    on: filter.on,
    ...(filter.college && { college: filter.college }),
    ...(filter.kind && { kind: filter.kind }),
  })
  return (
    <section>
      <h1>{t('office.stays.title')}</h1>
      <p>
        <Link to="/office/stays/setup">{t('stay.setup.link')}</Link>
      </p>
      {done && (
        <p className="alert alert-ok" role="status">
          {done === 'remind'
            ? t('office.stays.reminded', { count: params.get('count') ?? '' })
            : done === 'incident'
              ? t('office.stays.incident.sent', { count: params.get('count') ?? '' })
              : t('stay.saved')}
        </p>
      )}
      {figures && (
        <dl className="facts card" data-testid="stay-figures">
          <dt>{t('dashboard.stays.abroad')}</dt>
          <dd>{figures.abroad}</dd>
          <dt>{t('dashboard.stays.overdue')}</dt>
          <dd>{figures.overdue}</dd>
        </dl>
      )}

      <div className="card stack">
        <h2>{t('office.stays.where')}</h2>
        <Form method="get" className="row">
          <div className="field">
            <label htmlFor="on">{t('office.stays.on')}</label>
            <input id="on" name="on" type="date" defaultValue={filter.on} />
          </div>
          <div className="field">
            <label htmlFor="college">{t('office.stays.college')}</label>
            <select id="college" name="college" defaultValue={filter.college ?? ''}>
              <option value="">{t('office.stays.all')}</option>
              {colleges.map((c) => (
                <option key={c.id} value={c.id}>
                  {en ? c.nameEn : c.nameZh}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="kind">{t('office.stays.kind')}</label>
            <select id="kind" name="kind" defaultValue={filter.kind ?? ''}>
              <option value="">{t('office.stays.all')}</option>
              {programKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kind.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t('office.stays.show')}</button>
        </Form>
        <p>
          <strong data-testid="where-count">{t('office.stays.count', { count: where.rows.length })}</strong> ·{' '}
          <a href={`/office/stays.xlsx?${query}`} download>
            {t('office.stays.xlsx')}
          </a>
        </p>
        {where.rows.length === 0 ? (
          <p className="muted">{t('office.stays.none')}</p>
        ) : (
          <>
            <h3>{t('office.stays.byPlace')}</h3>
            <table data-testid="where-counts">
              <thead>
                <tr>
                  <th>{t('office.stays.col.country')}</th>
                  <th>{t('office.stays.col.city')}</th>
                  <th>{t('office.stays.col.count')}</th>
                </tr>
              </thead>
              <tbody>
                {where.counts.map((c) => (
                  <tr key={`${c.countryCode}|${c.city}`}>
                    <td>{c.country ?? '—'}</td>
                    <td>{c.city ?? '—'}</td>
                    <td>{c.count}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <table data-testid="where-list">
              <thead>
                <tr>
                  <th>{t('office.stays.col.name')}</th>
                  <th>{t('office.stays.col.college')}</th>
                  <th>{t('office.stays.col.program')}</th>
                  <th>{t('office.stays.col.country')}</th>
                  <th>{t('office.stays.col.dates')}</th>
                  <th>{t('office.stays.col.phase')}</th>
                </tr>
              </thead>
              <tbody>
                {where.rows.map((r) => (
                  <tr key={r.applicationId}>
                    <td>{en ? r.nameEn : r.nameZh}</td>
                    <td>{en ? r.college.nameEn : r.college.nameZh}</td>
                    <td>{en ? r.program.titleEn : r.program.titleZh}</td>
                    <td>{[r.country ?? '—', r.city].filter(Boolean).join(' · ')}</td>
                    <td>
                      {formatDate(locale, `${r.startsOn}T12:00:00+08:00`)} – {formatDate(locale, `${r.endsOn}T12:00:00+08:00`)}
                    </td>
                    <td>
                      {t(`stay.phase.${r.phase}`)}
                      {r.phase === 'departed' && (
                        <Form method="post" style={{ display: 'inline' }}>
                          <input type="hidden" name="intent" value="step" />
                          <input type="hidden" name="applicationId" value={r.applicationId} />
                          <input type="hidden" name="step" value="arrive" /> <button type="submit">{t('stay.arrive')}</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </div>

      <div className="card stack">
        <h2>{t('office.stays.blocked')}</h2>
        {errorsFor('remind')}
        {blocked.length === 0 ? (
          <p className="muted">{t('office.stays.blockedNone')}</p>
        ) : (
          <Form method="post" className="stack">
            <input type="hidden" name="intent" value="remind" />
            <ul data-testid="blocked-list">
              {blocked.map((b) => (
                <li key={b.applicationId}>
                  <label>
                    <input type="checkbox" name="applicationId" value={b.applicationId} defaultChecked /> {en ? b.nameEn : b.nameZh} ·{' '}
                    {formatDate(locale, `${b.startsOn}T12:00:00+08:00`)} ·{' '}
                    {formatList(
                      t,
                      b.missing.map((item) => t(`stay.item.${item}`)),
                    )}
                  </label>
                </li>
              ))}
            </ul>
            <button type="submit">{t('office.stays.remind')}</button>
          </Form>
        )}
      </div>

      <div className="card stack">
        <h2>{t('office.stays.incidents')}</h2>
        <Form method="post" className="stack">
          <input type="hidden" name="intent" value="incident" />
          {errorsFor('incident')}
          <div className="field">
            <label htmlFor="incident-country">{t('office.stays.incident.country')}</label>
            <select id="incident-country" name="countryCode" defaultValue="">
              <option value="">—</option>
              {countries.map(({ code, name }) => (
                <option key={code} value={code}>
                  {name}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="incident-on">{t('office.stays.incident.on')}</label>
            <input id="incident-on" name="onDate" type="date" defaultValue={filter.on} />
          </div>
          <div className="field">
            <label htmlFor="messageZh">{t('office.stays.incident.messageZh')}</label>
            <textarea id="messageZh" name="messageZh" rows={3} />
          </div>
          <div className="field">
            <label htmlFor="messageEn">{t('office.stays.incident.messageEn')}</label>
            <textarea id="messageEn" name="messageEn" rows={3} />
          </div>
          <button type="submit">{t('office.stays.incident.send')}</button>
        </Form>
        {incidents.map((i) => (
          <div key={i.id} className="card" data-testid="incident">
            <p>
              <strong>
                {i.country} · {formatDate(locale, `${i.onDate}T12:00:00+08:00`)}
              </strong>{' '}
              · {t('office.stays.incident.answers', { safe: i.safe, help: i.help.length, none: i.unanswered.length })}
            </p>
            {i.help.length > 0 && (
              <p className="alert alert-error">
                {t('office.stays.incident.helpList')}{' '}
                {formatList(
                  t,
                  i.help.map((p) => (en ? p.nameEn : p.nameZh)),
                )}
              </p>
            )}
            {i.unanswered.length > 0 && (
              <p className="muted">
                {t('office.stays.incident.unanswered')}{' '}
                {formatList(
                  t,
                  i.unanswered.map((p) => (en ? p.nameEn : p.nameZh)),
                )}
              </p>
            )}
          </div>
        ))}
      </div>
    </section>
  )
}
