import { Form } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'

type Named = { id: string; nameZh: string; nameEn: string }
type Quota = { programId: string; collegeId: string; places: number }

/** Per-college quotas in the round's programs: listed, and set or removed (blank) while the allocation is open. */
export function CollegeQuotas({
  programs,
  colleges,
  quotas,
  editable,
}: {
  programs: { id: string; titleZh: string; titleEn: string }[]
  colleges: Named[]
  quotas: Quota[]
  editable: boolean
}) {
  const t = useT()
  const en = useLocale() === 'en'
  const title = (p: { titleZh: string; titleEn: string }) => (en ? p.titleEn : p.titleZh)
  const name = (c: Named) => (en ? c.nameEn : c.nameZh)
  if (!editable && quotas.length === 0) return null
  return (
    <div className="stack-tight" data-testid="college-quotas">
      <h3 className="h4">{t('round.quota.title')}</h3>
      {quotas.length === 0 ? (
        <p className="muted small">{t('round.quota.none')}</p>
      ) : (
        <ul>
          {quotas.map((q) => (
            <li key={`${q.programId}-${q.collegeId}`}>
              {t('round.quota.line', {
                program: title(programs.find((p) => p.id === q.programId) ?? { titleZh: '', titleEn: '' }),
                college: name(colleges.find((c) => c.id === q.collegeId) ?? { id: '', nameZh: '', nameEn: '' }),
                places: q.places,
              })}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="quota" />
          <label>
            {t('round.col.program')}{' '}
            <select name="programId" required>
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  {title(p)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('round.col.college')}{' '}
            <select name="collegeId" required>
              {colleges.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c)}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {t('round.quota.places')} <input type="number" name="places" min={0} max={10000} step={1} style={{ width: '5em' }} />
          </label>{' '}
          <button type="submit" className="secondary">
            {t('round.quota.save')}
          </button>
        </Form>
      )}
    </div>
  )
}
