import type { LoaderFunctionArgs } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useT } from '~/components/i18n'
import { RoundFacts } from '~/components/rounds/round-facts'
import { runsRounds } from '~/domain/access'
import { requireUser } from '~/lib/auth.server'
import { listRounds } from '~/models/rounds.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['rounds'] }

// Every selection round, for everyone signed in: students apply in the open ones; everyone reads
// the announced results; the office opens new ones.
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { rounds: await listRounds(), mayOpen: runsRounds(user) }
}

export default function Rounds() {
  const t = useT()
  const { rounds, mayOpen } = useLoaderData<typeof loader>()
  return (
    <section>
      <h1>{t('round.list.title')}</h1>
      <p className="muted">{t('round.list.intro')}</p>
      {mayOpen && (
        <p>
          <Link to="/rounds/new" className="button primary">
            {t('round.list.new')}
          </Link>
        </p>
      )}
      {rounds.length === 0 ? (
        <p className="muted">{t('round.list.empty')}</p>
      ) : (
        <ul className="stack plain" data-testid="rounds">
          {rounds.map((round) => (
            <li key={round.id} className="card">
              <RoundFacts round={round} link />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
