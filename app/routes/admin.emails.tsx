import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { useLocale, useT } from '~/components/i18n'
import { formatDateTime } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { deliveryLog, resendFailed } from '~/models/delivery-log.server'
import { readForm } from '~/lib/form.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['admin', 'review'] }

const outboxStatuses = ['pending', 'sent', 'failed'] as const
const querySchema = z.object({
  status: z.enum(outboxStatuses).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
})

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  const query = querySchema.parse(Object.fromEntries(new URL(request.url).searchParams))
  return deliveryLog(query)
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'admin' })
  const id = String((await readForm(request)).get('messageId') ?? '').slice(0, 40)
  // Outbox ids are cuids; anything else (a NUL byte would fail the query) names no message.
  const resent = /^[a-z0-9]+$/.test(id) && (await resendFailed(user, id))
  return data({ resent }, { status: resent ? 200 : 409 })
}

export default function DeliveryLog() {
  const t = useT()
  const locale = useLocale()
  const log = useLoaderData<typeof loader>()
  const result = useActionData<typeof action>()
  const [params] = useSearchParams()
  const current = params.get('status')
  return (
    <section>
      <h1>{t('deliveries.title')}</h1>
      <nav className="tabs" aria-label={t('deliveries.title')}>
        <Link to="?" className={!current ? 'active' : ''}>
          {t('deliveries.all')}
        </Link>
        {outboxStatuses.map((s) => (
          <Link key={s} to={`?status=${s}`} className={current === s ? 'active' : ''}>
            {t(`deliveries.status.${s}`)} <span className="count">{log.counts[s] ?? 0}</span>
          </Link>
        ))}
      </nav>
      {result && (
        <p className={`alert ${result.resent ? 'alert-ok' : 'alert-warn'}`} role="status">
          {t(result.resent ? 'deliveries.resent' : 'deliveries.notResent')}
        </p>
      )}
      <p className="muted">{t('deliveries.total', { total: log.total, page: log.page, pages: log.pages })}</p>
      {log.rows.length === 0 ? (
        <p className="card muted">{t('deliveries.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data compact" data-testid="delivery-log">
            <thead>
              <tr>
                <th>{t('deliveries.created')}</th>
                <th>{t('deliveries.to')}</th>
                <th>{t('deliveries.template')}</th>
                <th>{t('queue.status')}</th>
                <th>{t('deliveries.attempts')}</th>
                <th>{t('deliveries.error')}</th>
                <th>{t('deliveries.sentAt')}</th>
                <td />
              </tr>
            </thead>
            <tbody>
              {log.rows.map((m) => (
                <tr key={m.id} data-status={m.status}>
                  <td>{formatDateTime(locale, m.createdAt)}</td>
                  <td>{m.toAddress}</td>
                  <td>
                    {m.template} · {m.locale === 'en' ? 'EN' : '中文'}
                  </td>
                  <td>{t(`deliveries.status.${m.status}`)}</td>
                  <td>{m.attempts}</td>
                  <td className="pre-wrap small">{m.lastError}</td>
                  <td>{m.sentAt && formatDateTime(locale, m.sentAt)}</td>
                  <td>
                    {m.status === 'failed' && (
                      <Form method="post">
                        <input type="hidden" name="messageId" value={m.id} />
                        <button type="submit" className="secondary">
                          {t('deliveries.resend')}
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t('nav.pages')}>
        {log.page > 1 && (
          <Link to={`?${new URLSearchParams({ ...(current ? { status: current } : {}), page: String(log.page - 1) })}`}>
            ← {t('queue.prev')}
          </Link>
        )}
        {log.page < log.pages && (
          <Link to={`?${new URLSearchParams({ ...(current ? { status: current } : {}), page: String(log.page + 1) })}`}>
            {t('queue.next')} →
          </Link>
        )}
      </nav>
    </section>
  )
}
