import { Form } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { MAX_REVIEW_TEXT } from '~/domain/text'
import { formatDateTime } from '~/i18n'

type Named = { nameZh: string; nameEn: string }
type Row = { name: Named; college: Named; program: { titleZh: string; titleEn: string } }

/** The published allocation (公示): name, college and program of each placed student. */
export function PublishedList({ rows }: { rows: Row[] }) {
  const t = useT()
  const en = useLocale() === 'en'
  const name = (n: Named) => (en ? n.nameEn : n.nameZh)
  return (
    <div className="card">
      <h2 className="h3">{t('round.published.title')}</h2>
      <p className="muted small">{t('round.published.intro')}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('round.published.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="published-list">
            <thead>
              <tr>
                <th scope="col">{t('round.col.student')}</th>
                <th scope="col">{t('round.col.college')}</th>
                <th scope="col">{t('round.col.program')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={i}>
                  <td>{name(r.name)}</td>
                  <td>{name(r.college)}</td>
                  <td>{en ? r.program.titleEn : r.program.titleZh}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}

type Objection = {
  id: string
  body: string
  answer: string | null
  answeredAt: Date | string | null
  createdAt: Date | string
  /** Who lodged it: for the office only. */
  author: { nameZh: string; nameEn: string } | null
}

/** Objections: the form while the announcement runs; the reader's own (the office: all, with answer forms). */
export function Objections({ objections, canObject, answers }: { objections: Objection[]; canObject: boolean; answers: boolean }) {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="card stack" data-testid="objections">
      <h2 className="h3">{answers ? t('round.objections.title') : t('round.objections.mine')}</h2>
      {objections.length === 0 && <p className="muted">{t('round.objections.none')}</p>}
      {objections.map((o) => (
        <div key={o.id} className="stack-tight" data-objection={o.id}>
          <p className="muted small">
            {o.author && `${locale === 'en' ? o.author.nameEn : o.author.nameZh} · `}
            {formatDateTime(locale, o.createdAt)} · {o.answeredAt ? t('round.objections.answered') : t('round.objections.waiting')}
          </p>
          <p className="pre-wrap">{o.body}</p>
          {o.answer && (
            <p className="pre-wrap">
              <strong>{t('round.objections.answer')}:</strong> {o.answer}
            </p>
          )}
          {answers && !o.answeredAt && (
            <Form method="post" className="stack-tight">
              <input type="hidden" name="intent" value="answer" />
              <input type="hidden" name="objectionId" value={o.id} />
              <label htmlFor={`answer-${o.id}`}>{t('round.objections.answer')}</label>
              <textarea id={`answer-${o.id}`} name="answer" rows={3} maxLength={MAX_REVIEW_TEXT} required />
              <button type="submit" className="secondary">
                {t('round.objections.answerSubmit')}
              </button>
            </Form>
          )}
        </div>
      ))}
      {canObject && (
        <Form method="post" className="stack-tight">
          <input type="hidden" name="intent" value="object" />
          <label htmlFor="objection-body">{t('round.objections.body')}</label>
          <textarea id="objection-body" name="body" rows={4} maxLength={MAX_REVIEW_TEXT} required />
          <button type="submit" className="secondary">
            {t('round.objections.submit')}
          </button>
        </Form>
      )}
    </div>
  )
}
