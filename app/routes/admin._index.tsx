import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { requireUser } from '~/lib/auth.server'
import { adminCounts } from '~/models/overview.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = {
  messages: ['admin', 'admin-config', 'agreements', 'calendar', 'export-layout', 'learning-agreement', 'privacy'],
}

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, { role: 'admin' })
  return { counts: await adminCounts() }
}

// The administration hub: every section an administrator configures or watches.
const catalogue = [
  { to: '/admin/colleges', title: 'adminConfig.colleges.title', text: 'adminConfig.hub.colleges', count: 'colleges' },
  { to: '/admin/partners', title: 'adminConfig.partners.title', text: 'adminConfig.hub.partners', count: 'partners' },
  { to: '/admin/programs', title: 'adminConfig.programs.title', text: 'adminConfig.hub.programs', count: 'programs' },
  { to: '/admin/funds', title: 'adminConfig.funds.title', text: 'adminConfig.hub.funds', count: 'funds' },
  { to: '/admin/users', title: 'adminConfig.users.title', text: 'adminConfig.hub.users', count: 'users' },
] as const
const operations = [
  { to: '/admin/agreements', title: 'agreements.renewal.title', text: 'agreements.hub' },
  { to: '/admin/targets', title: 'adminConfig.hub.targets.title', text: 'adminConfig.hub.targets' },
  { to: '/admin/calendar', title: 'calendar.title', text: 'adminConfig.hub.calendar' },
  { to: '/admin/privacy', title: 'privacy.admin.title', text: 'privacy.admin.hub' },
  { to: '/admin/finance-export', title: 'exportLayout.title', text: 'exportLayout.intro' },
  { to: '/admin/grade-scales', title: 'la.scales.title', text: 'la.scales.hub' },
  { to: '/admin/import', title: 'adminConfig.hub.import.title', text: 'adminConfig.hub.import' },
  { to: '/admin/email-previews', title: 'adminConfig.hub.emailPreviews.title', text: 'adminConfig.hub.emailPreviews' },
  { to: '/admin/emails', title: 'deliveries.title', text: 'adminConfig.hub.emails' },
  { to: '/dashboard', title: 'nav.dashboard', text: 'adminConfig.hub.dashboard' },
] as const

// The cards are whole links; they read as cards, not as underlined text.
const card = { textDecoration: 'none', color: 'inherit' } as const

export default function AdminHome() {
  const t = useT()
  const { counts } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('admin.home.title')}</h1>
      <h2>{t('adminConfig.hub.configuration')}</h2>
      <div className="grid" data-testid="admin-sections">
        {catalogue.map((s) => (
          <Link key={s.to} to={s.to} className="stat" style={card}>
            <div className="value">{counts[s.count]}</div>
            <div>
              <strong>{t(s.title)}</strong>
            </div>
            <div className="label">{t(s.text)}</div>
          </Link>
        ))}
      </div>
      <h2>{t('adminConfig.hub.operations')}</h2>
      <div className="grid">
        {operations.map((s) => (
          <Link key={s.to} to={s.to} className="stat" style={card}>
            <strong>{t(s.title)}</strong>
            <div className="label">{t(s.text)}</div>
          </Link>
        ))}
      </div>
    </section>
  )
}
