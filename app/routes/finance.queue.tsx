import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { lineLabel } from '~/components/finance/labels'
import { useLocale, useT } from '~/components/i18n'
import { formatFen, lineEntries } from '~/domain/money'
import { requireUser } from '~/lib/auth.server'
import { applicationReference } from '~/models/application.server'
import { financeQueue } from '~/models/finance.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'application', 'campus', 'finance', 'review-page', 'rounds', 'student'] }

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).catch(1) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const { page } = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  const queue = await financeQueue(user, { page })
  return {
    ...queue,
    rows: queue.rows.map(({ award, lines, flags, fundRemainingFen, allocation, allocationRemainingFen, others }) => ({
      id: award.id,
      reference: applicationReference(award.application.id, award.application.academicYear),
      student: award.application.applicant,
      college: award.college,
      kind: award.application.kind,
      fund: { nameZh: award.fund.nameZh, nameEn: award.fund.nameEn },
      lines,
      requestedFen: award.requestedFen,
      flags,
      fundRemainingFen,
      allocation,
      allocationRemainingFen,
      others: { count: others.length, fen: others.reduce((sum, o) => sum + o.approvedFen, 0) },
    })),
  }
}

export default function FinanceQueue() {
  const t = useT()
  const locale = useLocale()
  const queue = useLoaderData<typeof loader>()
  const name = (x: { nameZh: string; nameEn: string }) => (locale === 'en' ? x.nameEn : x.nameZh)
  const money = (fen: number) => formatFen(fen, locale)
  return (
    <section>
      <h1>{t('finance.queue.title')}</h1>
      <p className="muted">{t('finance.queue.total', { total: queue.total, page: queue.page, pages: queue.pages })}</p>
      {queue.rows.length === 0 ? (
        <p className="card muted">{t('finance.queue.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="finance-queue">
            <thead>
              <tr>
                <th>{t('finance.queue.student')}</th>
                <th>{t('finance.queue.requested')}</th>
                <th>{t('finance.award.fund')}</th>
                <th>{t('finance.queue.others')}</th>
                <th>{t('finance.queue.flags')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {queue.rows.map((row) => (
                <tr key={row.id}>
                  <td>
                    <strong>{name(row.student)}</strong> · {row.student.studentNumber}
                    <div className="muted">
                      {name(row.college)} · {t(`kind.${row.kind}`)} · {row.reference}
                    </div>
                  </td>
                  <td>
                    <strong>{money(row.requestedFen)}</strong>
                    <ul className="plain muted">
                      {lineEntries(row.lines).map(([line, l]) => (
                        <li key={line}>
                          {lineLabel(t, line)} {money(l.requestedFen)}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {name(row.fund)}
                    <div className="muted">
                      {t('finance.queue.fundRemaining')} {money(row.fundRemainingFen)}
                    </div>
                    <div className="muted">
                      {t(row.allocation === 'college' ? 'finance.queue.allocationRemaining' : 'finance.queue.poolRemaining')}{' '}
                      {money(row.allocationRemainingFen)}
                    </div>
                  </td>
                  <td>{row.others.count ? `${row.others.count} · ${money(row.others.fen)}` : '—'}</td>
                  <td>
                    <span className="badges">
                      {row.flags.map((flag) => (
                        <span key={flag} className="badge badge-changes_requested">
                          {t(`finance.flag.${flag}`)}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td>
                    <Link to={`/finance/awards/${row.id}`} className="button">
                      {t('finance.queue.open')}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {queue.pages > 1 && (
        <nav className="pager" aria-label={t('nav.pages')}>
          {queue.page > 1 && <Link to={`?page=${queue.page - 1}`}>←</Link>}
          {queue.page < queue.pages && <Link to={`?page=${queue.page + 1}`}>→</Link>}
        </nav>
      )}
    </section>
  )
}
