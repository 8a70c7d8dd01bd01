import type { MessagesHandle } from '~/i18n'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { useErrorText, useLocale, useT } from '~/components/i18n'
import { countryName, countryOptions } from '~/domain/countries'
import { fieldErrors } from '~/domain/result'
import { requireUser } from '~/lib/auth.server'
import { parseForm, readForm } from '~/lib/form.server'
import { partnerOptions } from '~/models/admin/partners.server'
import { gradeScales, setGradeScale } from '~/models/grade-scales.server'
import { gradeScaleSchema } from '~/schemas/learning-agreement'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['learning-agreement'] }

// /admin/grade-scales: how hosts' grades convert to home grades (decision 26), per partner, else
// per country; the academic approver's recognition converts with them.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const [scales, partners] = await Promise.all([gradeScales(), partnerOptions()])
  return {
    scales: scales.map((s) => ({ ...s, country: s.countryCode ? countryName(s.countryCode, user.locale) : null })),
    partners: partners.map((p) => ({ id: p.id, nameZh: p.nameZh, nameEn: p.nameEn })),
    // Sorted on the server: the browser's collation could order them otherwise.
    countries: countryOptions(user.locale),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const submission = parseForm(await readForm(request), { schema: gradeScaleSchema })
  if (submission.status !== 'success') return data({ result: submission.reply() }, { status: 400 })
  const result = await setGradeScale(user, submission.value)
  if (result.ok) return redirect('/admin/grade-scales?saved=1')
  return data({ result: submission.reply({ fieldErrors: fieldErrors(result) }) }, { status: 400 })
}

export default function GradeScales() {
  const t = useT()
  const locale = useLocale()
  const errorText = useErrorText()
  const { scales, partners, countries } = useLoaderData<typeof loader>()
  const failed = useActionData<typeof action>()
  const [params] = useSearchParams()
  const errors = Object.values(failed?.result.error ?? {}).flatMap((e) => errorText(e ?? undefined) ?? [])
  const sent = (name: string) => {
    const value = failed?.result.initialValue?.[name]
    return typeof value === 'string' ? value : undefined
  }
  return (
    <section className="stack">
      <h1>{t('la.scales.title')}</h1>
      <p className="muted">{t('la.scales.intro')}</p>
      {params.get('saved') === '1' && (
        <p className="alert alert-ok" role="status">
          {t('la.scales.saved')}
        </p>
      )}
      {errors.map((e) => (
        <p key={e} role="alert" className="alert alert-error">
          {e}
        </p>
      ))}
      <Form method="post" className="card stack">
        <fieldset>
          <legend>{t('la.scales.scope')}</legend>
          <label>
            <input type="radio" name="scope" value="partner" defaultChecked={sent('scope') !== 'country'} /> {t('la.scales.partner')}
          </label>
          <select name="partnerId" aria-label={t('la.scales.partner')} defaultValue={sent('partnerId')}>
            <option value="" />
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {locale === 'en' ? p.nameEn : p.nameZh}
              </option>
            ))}
          </select>
          <label>
            <input type="radio" name="scope" value="country" defaultChecked={sent('scope') === 'country'} /> {t('la.scales.country')}
          </label>
          <select name="countryCode" aria-label={t('la.scales.country')} defaultValue={sent('countryCode')}>
            <option value="" />
            {countries.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </fieldset>
        <div className="field">
          <label htmlFor="bands">{t('la.scales.bands')}</label>
          <textarea id="bands" name="bands" rows={8} defaultValue={sent('bands')} placeholder={'A = 95\nB = 85\n1.0-1.5 = 优秀'} />
        </div>
        <button type="submit" className="primary">
          {t('la.scales.save')}
        </button>
      </Form>
      {scales.length === 0 ? (
        <p className="muted">{t('la.scales.none')}</p>
      ) : (
        scales.map((s) => (
          <div className="card" key={s.id} data-scale={s.id}>
            <h2>
              {s.partner
                ? locale === 'en'
                  ? s.partner.nameEn
                  : s.partner.nameZh
                : s.countryCode
                  ? countryName(s.countryCode, locale)
                  : s.id}
            </h2>
            <pre>{s.text}</pre>
          </div>
        ))
      )}
    </section>
  )
}
