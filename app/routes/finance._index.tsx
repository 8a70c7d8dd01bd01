import type { LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useLocale, useT } from '~/components/i18n'
import { formatFen } from '~/domain/money'
import { requireUser } from '~/lib/auth.server'
import { listFundsOfYear } from '~/models/overview.server'

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'finance' })
  const funds = await listFundsOfYear()
  return {
    funds: funds.map((f) => ({ id: f.id, nameZh: f.nameZh, nameEn: f.nameEn, academicYear: f.academicYear, budgetFen: f.budgetFen.toString() })),
  }
}

export default function FinanceHome() {
  const t = useT()
  const locale = useLocale()
  const { funds } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('finance.home.title')}</h1>
      <div className="table-wrap">
        <table className="data">
          <thead>
            <tr>
              <th>{t('finance.home.fund')}</th>
              <th>{t('finance.home.year')}</th>
              <th>{t('finance.home.budget')}</th>
            </tr>
          </thead>
          <tbody>
            {funds.map((f) => (
              <tr key={f.id}>
                <td>{locale === 'en' ? f.nameEn : f.nameZh}</td>
                <td>{f.academicYear}</td>
                <td>{formatFen(BigInt(f.budgetFen), locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
