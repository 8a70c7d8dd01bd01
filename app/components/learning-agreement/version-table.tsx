import type { ReactNode } from 'react'
import { formatCredits } from '~/domain/learning-agreement'
import { useT } from '../i18n'

type Line = {
  id: string
  hostCode: string
  hostTitle: string
  hostCreditTenths: number
  term: string
  homeCode: string | null
  homeTitle: string | null
  homeCreditTenths: number
  decision: 'pending' | 'approved' | 'rejected'
  comment: string | null
  hostGrade: string | null
  homeGrade: string | null
  recognition: 'pending' | 'recognised'
}

/**
 * One version of a learning agreement as a table: each host course, what it counts as at home,
 * its decision with the approver's comment, and after return its grades and recognition. `extra`
 * adds a last cell per line (the approver's forms, the student's remove button).
 */
export function VersionTable({ lines, extra, showGrades }: { lines: Line[]; extra?: (line: Line) => ReactNode; showGrades: boolean }) {
  const t = useT()
  return (
    <div className="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{t('la.col.host')}</th>
            <th>{t('la.col.hostCredits')}</th>
            <th>{t('la.col.term')}</th>
            <th>{t('la.col.home')}</th>
            <th>{t('la.col.homeCredits')}</th>
            <th>{t('la.col.decision')}</th>
            {showGrades && (
              <>
                <th>{t('la.col.grade')}</th>
                <th>{t('la.col.homeGrade')}</th>
                <th>{t('la.col.recognition')}</th>
              </>
            )}
            {extra && <td />}
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} data-line={l.hostCode} data-decision={l.decision} data-recognition={l.recognition}>
              <td>
                {l.hostCode} {l.hostTitle}
              </td>
              <td>{formatCredits(l.hostCreditTenths)}</td>
              <td>{l.term}</td>
              <td>{l.homeCode ? `${l.homeCode} ${l.homeTitle ?? ''}` : t('la.elective')}</td>
              <td>{formatCredits(l.homeCreditTenths)}</td>
              <td data-testid="line-decision">
                {t(`la.decision.${l.decision}`)}
                {l.comment && <div className="muted">{l.comment}</div>}
              </td>
              {showGrades && (
                <>
                  <td>{l.hostGrade ?? ''}</td>
                  <td>{l.homeGrade ?? ''}</td>
                  <td data-testid="line-recognition">{l.decision === 'approved' ? t(`la.recognition.${l.recognition}`) : ''}</td>
                </>
              )}
              {extra && <td>{extra(l)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
