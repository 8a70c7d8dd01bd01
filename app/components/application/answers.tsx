import { useLocale, useT } from '~/components/i18n'
import { budgetLines, formatFen, requestedTotalFen, type BudgetLines } from '~/domain/money'
import type { ProgramKind } from '~/domain/program'
import type { ProgramAnswers, ProgramWithQuestions } from '~/domain/program-questions'
import { isMessageKey } from '~/i18n'
import { applicationFields } from '~/schemas/application'

const optionFields = new Set(['term', 'languageTest', 'fundingSource', 'acceptanceStatus', 'presentationType'])

type Course = { homeCourse?: string; hostCourse?: string; credits?: number }

/** Where a value comes from, as the review page marks it. */
export function SourceMark({ source }: { source: 'records' | 'student' }) {
  const t = useT()
  return (
    <span className={`badge source-${source}`} data-source={source}>
      {t(source === 'records' ? 'campus.source.records' : 'campus.source.student')}
    </span>
  )
}

/**
 * Every answer of an application, read-only: the summary before submit and the reviewer's view,
 * where `sources` marks each answer as the university's records' or the student's.
 */
export function ApplicationAnswers({
  kind,
  details,
  sources,
  questions = [],
}: {
  kind: ProgramKind
  details: Record<string, unknown>
  sources?: Record<string, 'records' | 'student'>
  /** The programs' own questions the application answers (programAnswers is shown only when there are some). */
  questions?: readonly ProgramWithQuestions[]
}) {
  const t = useT()
  const locale = useLocale()
  const shown = applicationFields[kind].filter((f) => f !== 'programId' && f !== 'programAnswers')
  // A stored choice is shown by its label; a value no longer among the choices, as it is.
  const choiceLabel = (key: string, value: string) => (isMessageKey(key) ? t(key) : value)
  return (
    <dl className="facts answers">
      {shown.map((field) => {
        const value = details[field]
        return (
          <div className="answer" key={field} data-field={field}>
            <dt>{t(`application.field.${field}`)}</dt>
            <dd>
              {value === undefined || value === null || value === '' ? (
                <span className="muted">{t('answer.empty')}</span>
              ) : field === 'courses' ? (
                <Courses rows={value as Course[]} />
              ) : field === 'budget' ? (
                <Budget lines={value as BudgetLines} locale={locale} />
              ) : optionFields.has(field) ? (
                choiceLabel(`application.option.${field}.${String(value)}`, String(value))
              ) : (
                <span className="pre-wrap">{String(value)}</span>
              )}
              {sources?.[field] && (
                <>
                  {' '}
                  <SourceMark source={sources[field]} />
                </>
              )}
            </dd>
          </div>
        )
      })}
      {questions.length > 0 && (
        <div className="answer" data-field="programAnswers">
          <dt>{t('application.field.programAnswers')}</dt>
          <dd>
            <ProgramAnswersList programs={questions} answers={(details.programAnswers ?? {}) as ProgramAnswers} />
          </dd>
        </div>
      )}
    </dl>
  )
}

function ProgramAnswersList({ programs, answers }: { programs: readonly ProgramWithQuestions[]; answers: ProgramAnswers }) {
  const t = useT()
  const locale = useLocale()
  return (
    <div className="stack">
      {programs.map((p) => (
        <div key={p.id} data-program={p.id}>
          <strong>{locale === 'en' ? p.titleEn : p.titleZh}</strong>
          <dl className="facts">
            {p.questions.map((q) => {
              const answer = answers[p.id]?.[q.id]
              return (
                <div key={q.id}>
                  <dt>{locale === 'en' ? q.en : q.zh}</dt>
                  <dd>{answer ? <span className="pre-wrap">{answer}</span> : <span className="muted">{t('answer.empty')}</span>}</dd>
                </div>
              )
            })}
          </dl>
        </div>
      ))}
    </div>
  )
}

function Courses({ rows }: { rows: Course[] }) {
  const t = useT()
  return (
    <table className="data compact">
      <thead>
        <tr>
          <th>{t('application.field.courses.homeCourse')}</th>
          <th>{t('application.field.courses.hostCourse')}</th>
          <th>{t('application.field.courses.credits')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r, i) => (
          <tr key={i}>
            <td>{r.homeCourse}</td>
            <td>{r.hostCourse}</td>
            <td>{r.credits}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function Budget({ lines, locale }: { lines: BudgetLines; locale: 'zh-CN' | 'en' }) {
  const t = useT()
  return (
    <table className="data compact">
      <tbody>
        {budgetLines
          .filter((l) => lines[l] !== undefined)
          .map((l) => (
            <tr key={l}>
              <td>{t(`application.field.budget.${l}`)}</td>
              <td className="num">{formatFen(lines[l]!, locale)}</td>
            </tr>
          ))}
        <tr>
          <th>{t('application.budget.total')}</th>
          <th className="num">{formatFen(requestedTotalFen(lines), locale)}</th>
        </tr>
      </tbody>
    </table>
  )
}
