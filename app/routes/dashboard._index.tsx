import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { DashboardFilters } from '~/components/dashboard/filters'
import { CostPerMobility } from '~/components/dashboard/cost'
import { CreditRecognition } from '~/components/dashboard/credits'
import { Funds } from '~/components/dashboard/funds'
import { Headline } from '~/components/dashboard/headline'
import { PerCollege } from '~/components/dashboard/per-college'
import { Places } from '~/components/dashboard/places'
import { Tiers } from '~/components/dashboard/tiers'
import { useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { dashboardPageData } from '~/models/dashboard.server'
import { stayFigures } from '~/models/stay-office.server'
import styles from '~/styles/dashboard.css?url'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'catalogue', 'dashboard', 'fx', 'learning-agreement', 'stay'] }

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request }: LoaderFunctionArgs) {
  const data = await dashboardPageData(request)
  // Students abroad now and returns overdue, for those who look after stays (decision 22).
  return { ...data, stays: await stayFigures(await requireUser(request)) }
}

export default function Dashboard() {
  const t = useT()
  const data = useLoaderData<typeof loader>()
  return (
    <section className="dashboard">
      <h1>{t('dashboard.title')}</h1>
      <p className="muted">{t('dashboard.intro')}</p>
      <DashboardFilters {...data} />
      {data.stays && (
        <dl className="facts card" data-testid="stay-figures">
          <dt>
            <Link to="/office/stays">{t('dashboard.stays.abroad')}</Link>
          </dt>
          <dd>{data.stays.abroad}</dd>
          <dt>{t('dashboard.stays.overdue')}</dt>
          <dd>{data.stays.overdue}</dd>
        </dl>
      )}
      <Headline figures={data.figures} />
      <PerCollege figures={data.figures} />
      <Places figures={data.figures} />
      <Tiers figures={data.figures} />
      <Funds figures={data.figures} />
      <CostPerMobility lines={data.cost} />
      <CreditRecognition colleges={data.credits} />
    </section>
  )
}
