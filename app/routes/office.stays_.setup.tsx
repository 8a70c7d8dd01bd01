import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useT } from '~/components/i18n'
import { programKinds } from '~/domain/program'
import { FORBIDDEN, fieldErrors, refusalText } from '~/domain/result'
import { levels } from '~/domain/roles'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { saveChecklist, saveEducation, staySetup } from '~/models/stay-setup.server'
import { MATERIAL_MAX, setupKindSchema, staySetupActionSchema } from '~/schemas/stay-setup'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['application', 'stay'] }

// /office/stays/setup?kind=…: the office's pre-departure checklist and education for a kind of
// mobility (decision 22, amendment 2026-12-06). Outside /office/stays's layout (that page has no
// outlet); the same people may use it (managesStays, checked again in the model).
const ROLES = ['office_reviewer', 'admin'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: [...ROLES] })
  const query = setupKindSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  const kind = query.success ? query.data.kind : 'exchange'
  const setup = await staySetup(user, kind)
  if (!setup) throw new Response('Forbidden', { status: 403 })
  return { kind, ...setup }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: [...ROLES] })
  const submission = parseForm(await readForm(request), { schema: staySetupActionSchema })
  if (submission.status !== 'success') return data({ intent: null, result: submission.reply() }, { status: 400 })
  const input = submission.value
  const result = input.intent === 'checklist' ? await saveChecklist(user, input) : await saveEducation(user, input)
  if (result.ok) return redirect(`/office/stays/setup?kind=${input.kind}&saved=${input.intent}`)
  if (result.error === FORBIDDEN) throw new Response('Forbidden', { status: 403 })
  const reply = result.fields
    ? submission.reply({ fieldErrors: fieldErrors(result) })
    : submission.reply({ formErrors: [refusalText(result)] })
  return data({ intent: input.intent, result: reply }, { status: 400 })
}

export default function StaySetup() {
  const t = useT()
  const errorText = useErrorText()
  const { kind, configured, rows, education } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const saved = params.get('saved')
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  // What was sent, kept on a refusal so nothing typed is lost.
  const sent = (name: string) => {
    const value = failed?.result.initialValue?.[name]
    return typeof value === 'string' ? value : undefined
  }
  return (
    <section className="stack">
      <p>
        <Link to="/office/stays">{t('office.stays.title')}</Link>
      </p>
      <h1>{t('stay.setup.title')}</h1>
      <Form method="get" className="row">
        <label className="field">
          <span>{t('stay.setup.kind')}</span>
          <select name="kind" defaultValue={kind}>
            {programKinds.map((k) => (
              <option key={k} value={k}>
                {t(`kind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <div>
          <button type="submit">{t('stay.setup.show')}</button>
        </div>
      </Form>
      {saved === 'checklist' || saved === 'education' ? (
        <p role="status" className="alert alert-ok">
          {t(saved === 'checklist' ? 'stay.setup.saved.checklist' : 'stay.setup.saved.education')}
        </p>
      ) : null}
      {errors.map((e) => (
        <p key={e} role="alert" className="alert alert-error">
          {e}
        </p>
      ))}
      <p className="muted">{t('stay.setup.applies')}</p>

      <Form method="post" className="card stack" data-testid="checklist-form" key={`checklist-${kind}`}>
        <h2>{t('stay.setup.checklist')}</h2>
        {!configured && <p className="muted">{t('stay.setup.default')}</p>}
        <input type="hidden" name="kind" value={kind} />
        <table>
          <thead>
            <tr>
              <th>{t('stay.setup.item')}</th>
              <th>{t('stay.setup.required')}</th>
              <th>{t('stay.setup.levels')}</th>
              <th>{t('stay.setup.days')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.item} data-testid={`setup-${r.item}`}>
                <td>{t(`stay.item.${r.item}`)}</td>
                <td>
                  <input
                    type="checkbox"
                    name="required"
                    value={r.item}
                    defaultChecked={r.required}
                    aria-label={`${t('stay.setup.required')}: ${t(`stay.item.${r.item}`)}`}
                  />
                </td>
                <td>
                  {levels.map((l) => (
                    <label key={l} className="inline">
                      <input type="checkbox" name={`levels.${r.item}`} value={l} defaultChecked={r.levels.includes(l)} /> {t(`level.${l}`)}
                    </label>
                  ))}
                </td>
                <td>
                  <input
                    type="number"
                    name={`days.${r.item}`}
                    min={0}
                    max={365}
                    step={1}
                    required
                    defaultValue={r.daysBeforeStart}
                    aria-label={`${t('stay.setup.days')}: ${t(`stay.item.${r.item}`)}`}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div>
          <button type="submit" name="intent" value="checklist" className="primary">
            {t('stay.setup.saveChecklist')}
          </button>
        </div>
      </Form>

      <Form method="post" className="card stack" data-testid="education-form" key={`education-${kind}`}>
        <h2>{t('stay.setup.education')}</h2>
        {!education && <p className="muted">{t('stay.setup.noEducation')}</p>}
        <input type="hidden" name="kind" value={kind} />
        <label className="field">
          <span>{t('stay.setup.materialZh')}</span>
          <textarea
            name="materialZh"
            rows={8}
            required
            maxLength={MATERIAL_MAX}
            defaultValue={sent('materialZh') ?? education?.materialZh ?? ''}
          />
        </label>
        <label className="field">
          <span>{t('stay.setup.materialEn')}</span>
          <textarea
            name="materialEn"
            rows={8}
            required
            maxLength={MATERIAL_MAX}
            defaultValue={sent('materialEn') ?? education?.materialEn ?? ''}
          />
        </label>
        <label className="field">
          <span>{t('stay.setup.passPercent')}</span>
          <input
            type="number"
            name="passPercent"
            min={1}
            max={100}
            step={1}
            required
            defaultValue={sent('passPercent') ?? education?.passPercent ?? 80}
          />
        </label>
        <label className="field">
          <span>{t('stay.setup.quiz')}</span>
          <textarea name="quiz" rows={16} required aria-describedby="quiz-help" defaultValue={sent('quiz') ?? education?.quiz ?? ''} />
          <span className="hint" id="quiz-help">
            {t('stay.setup.quizHelp')}
          </span>
        </label>
        <div>
          <button type="submit" name="intent" value="education" className="primary">
            {t('stay.setup.saveEducation')}
          </button>
        </div>
      </Form>
    </section>
  )
}
