import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrors } from '~/components/field'
import { Fen } from '~/components/finance-figures'
import { MonthsTable } from '~/components/finance/months-table'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { hasRole } from '~/domain/roles'
import { requireUser } from '~/lib/auth.server'
import { withHiddenErrorsOnForm } from '~/lib/form-reply.server'
import { parseForm, readForm } from '~/lib/form.server'
import { requireFinanceReader } from '~/models/finance-dashboard.server'
import { carryForward, fiscalPage, requestedFiscalYear } from '~/models/fiscal-year.server'
import { carryForwardSchema } from '~/schemas/fx'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['export-layout', 'finance', 'finance-dashboard', 'fx'] }

// The fiscal-year view of the finance figures (ADR 0028) and the year-end carry-forward.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireFinanceReader(request)
  const fiscalYear = requestedFiscalYear(request)
  return { fiscalYear, canAct: hasRole(user.roles, 'finance'), ...(await fiscalPage(user, fiscalYear)) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'finance' })
  const submission = parseForm(await readForm(request), { schema: carryForwardSchema })
  if (submission.status !== 'success') {
    return data({ result: withHiddenErrorsOnForm(submission.reply(), ['fiscalYear']), carried: null }, { status: 400 })
  }
  const carried = await carryForward(user, submission.value.fiscalYear)
  return { result: submission.reply(), carried }
}

export default function FiscalView() {
  const t = useT()
  const locale = useLocale()
  const { fiscalYear, years, summary, commitments, withheld, canAct } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  const uncarried = commitments.filter((c) => !c.carried).length
  return (
    <section>
      <p className="small">
        <Link to="/finance">← {t('finance.home.title')}</Link>
      </p>
      <h1>{t('fiscal.title', { year: fiscalYear })}</h1>
      <nav className="form-actions small">
        {years.map((y) =>
          y === fiscalYear ? (
            <strong key={y}>{y}</strong>
          ) : (
            <Link key={y} to={`/finance/fiscal?fy=${y}`}>
              {y}
            </Link>
          ),
        )}
      </nav>
      <p className="small">
        <a href={`/finance/movements.csv?fy=${fiscalYear}`} download>
          {t('exportLayout.link')}
        </a>
      </p>
      {actionData?.carried && (
        <p className="alert alert-ok" role="status">
          {t('fiscal.carried', { count: actionData.carried.carried, amount: formatFen(actionData.carried.amountFen, locale) })}
        </p>
      )}
      <div className="table-wrap">
        <table className="data compact" data-testid="fiscal-funds">
          <thead>
            <tr>
              <th>{t('financeDashboard.col.fund')}</th>
              <th>{t('fiscal.academicYear')}</th>
              <th className="num">{t('fiscal.carriedIn')}</th>
              <th className="num">{t('fiscal.committed')}</th>
              <th className="num">{t('financeDashboard.col.paid')}</th>
              <th className="num">{t('financeDashboard.col.released')}</th>
              <th className="num">{t('fiscal.openAtEnd')}</th>
            </tr>
          </thead>
          <tbody>
            {summary.funds.map((f) => (
              <tr key={f.id}>
                <td>{name(f)}</td>
                <td>{f.academicYear}</td>
                <td className="num">
                  <Fen fen={f.carriedInFen} />
                </td>
                <td className="num">
                  <Fen fen={f.committedFen} />
                </td>
                <td className="num">
                  <Fen fen={f.paidFen} />
                </td>
                <td className="num">
                  <Fen fen={f.releasedFen} />
                </td>
                <td className="num">
                  <Fen fen={f.openAtEndFen} />
                </td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th>{t('financeDashboard.total')}</th>
              <td />
              <th className="num">
                <Fen fen={summary.totals.carriedInFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.committedFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.paidFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.releasedFen} />
              </th>
              <th className="num">
                <Fen fen={summary.totals.openAtEndFen} />
              </th>
            </tr>
          </tfoot>
        </table>
      </div>
      <h2>{t('fiscal.months')}</h2>
      <MonthsTable months={summary.months} />

      <h2>{t('fiscal.openTitle', { year: fiscalYear })}</h2>
      {commitments.length === 0 ? (
        <p className="muted">{t('fiscal.noneOpen')}</p>
      ) : (
        <table className="data compact" data-testid="open-commitments">
          <thead>
            <tr>
              <th>{t('financeDashboard.col.reference')}</th>
              <th>{t('financeDashboard.col.student')}</th>
              <th>{t('financeDashboard.col.fund')}</th>
              <th className="num">{t('fiscal.open')}</th>
              <th>{t('fiscal.carriedColumn', { year: fiscalYear + 1 })}</th>
            </tr>
          </thead>
          <tbody>
            {commitments.map((c) => (
              <tr key={c.id}>
                <td>{canAct ? <Link to={`/finance/awards/${c.id}`}>{c.reference}</Link> : c.reference}</td>
                <td>{name(c.student)}</td>
                <td>{name(c.fund)}</td>
                <td className="num">
                  <Fen fen={c.openFen} />
                </td>
                <td>{c.carried ? t('fiscal.yes') : t('fiscal.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {withheld > 0 && <p className="small muted">{t('fiscal.withheld', { count: withheld })}</p>}
      {canAct && uncarried > 0 && (
        <Form method="post">
          <FormErrors errors={actionData?.result.error?.[''] ?? undefined} />
          <input type="hidden" name="fiscalYear" value={fiscalYear} />
          <button type="submit" className="primary">
            {t('fiscal.carry', { year: fiscalYear + 1 })}
          </button>
        </Form>
      )}
    </section>
  )
}
