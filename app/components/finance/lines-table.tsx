import { useLocale, useT } from '~/components/i18n'
import type { AwardLines } from '~/domain/funding'
import { formatFen, lineEntries } from '~/domain/money'
import { lineLabel } from './labels'
import type { AwardView } from './types'

/** The award's lines, requested and approved, with what the return report says was spent. */
export function AwardLinesTable({ award, actual }: { award: AwardView; actual?: Record<string, number> }) {
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
