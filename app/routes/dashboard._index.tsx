import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DashboardFilters } from '~/components/dashboard/filters'
import { CostPerMobility } from '~/components/dashboard/cost'
import { Funds } from '~/components/dashboard/funds'
import { Headline } from '~/components/dashboard/headline'
import { PerCollege } from '~/components/dashboard/per-college'
import { Places } from '~/components/dashboard/places'
import { Tiers } from '~/components/dashboard/tiers'
import { useT } from '~/components/i18n'
import { dashboardPageData } from '~/models/dashboard.server'
import styles from '~/styles/dashboard.css?url'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  return dashboardPageData(request)
}

export default function Dashboard() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  return (
    <section className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      <DashboardFilters {...data} />
      <Headline figures={data.figures} />
      <PerCollege figures={data.figures} />
      <Places figures={data.figures} />
      <Tiers figures={data.figures} />
      <Funds figures={data.figures} />
      <CostPerMobility lines={data.cost} />
    </section>
  )
}
