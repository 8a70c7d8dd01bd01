import type { LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useLoaderData, useSearchParams } from '@remix-run/react'
import { Deadline } from '~/components/deadline'
import { FilterSelect } from '~/components/filter-select'
import { useLocale, useT } from '~/components/i18n'
import { ProgramBadges } from '~/components/program-badges'
import { levels } from '~/domain/roles'
import { formatDate, formatList } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { catalogueFacets, searchPrograms } from '~/models/program.server'
import { parseCatalogueFilters } from '~/schemas/catalogue'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['catalogue'] }

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request)
  const filters = parseCatalogueFilters(new URL(request.url).searchParams)
  const now = new Date()
  const [programs, facets] = await Promise.all([searchPrograms(filters, now), catalogueFacets()])
  return { programs, facets, now: now.toISOString() }
}

export default function Catalogue() {
  const t = useT()
  const locale = useLocale()
  const { programs, facets, now } = useLoaderData<typeof loader>()
  const [params] = useSearchParams()
  const en = locale === 'en'
  return (
    <section>
      <h1>{t('catalogue.title')}</h1>
      <Form method="get" className="card filters" role="search">
        <div className="search-row">
          <input
            type="search"
            name="q"
            defaultValue={params.get('q') ?? ''}
            placeholder={t('catalogue.search')}
            aria-label={t('catalogue.search')}
          />
          <button type="submit" className="primary">
            {t('catalogue.searchButton')}
          </button>
        </div>
        <div className="filter-grid">
          <FilterSelect
            name="kind"
            label={t('catalogue.kind')}
            options={(['exchange', 'joint_training', 'conference'] as const).map((k) => [k, t(`kind.${k}`)])}
          />
          <FilterSelect name="level" label={t('catalogue.level')} options={levels.map((l) => [l, t(`level.${l}`)])} />
          <FilterSelect
            name="region"
            label={t('catalogue.region')}
            options={facets.regions.map((r) => [r, t(`region.${r}` as 'region.europe')])}
          />
          <FilterSelect
            name="country"
            label={t('catalogue.country')}
            options={facets.countries.map((c) => [c.code, en ? c.nameEn : c.nameZh])}
          />
          <FilterSelect
            name="tier"
            label={t('catalogue.tier')}
            options={(['comprehensive', 'close', 'general'] as const).map((k) => [k, t(`tier.${k}`)])}
          />
        </div>
        <div className="filter-checks">
          <label>
            <input type="checkbox" name="beltAndRoad" value="1" defaultChecked={params.get('beltAndRoad') === '1'} />{' '}
            {t('catalogue.beltAndRoad')}
          </label>
          <label>
            <input type="checkbox" name="openNow" value="1" defaultChecked={params.get('openNow') === '1'} /> {t('catalogue.openNow')}
          </label>
          <Link to="/programs">{t('catalogue.reset')}</Link>
        </div>
      </Form>
      <p className="muted" data-testid="program-count">
        {t('catalogue.count', { count: programs.length })}
      </p>
      {programs.length === 0 ? (
        <p className="card muted">{t('catalogue.empty')}</p>
      ) : (
        <ul className="program-list">
          {programs.map((p) => (
            <li key={p.id} className="card program-card">
              <div className="program-card-head">
                <h2>
                  <Link to={`/programs/${p.id}`}>{en ? p.titleEn : p.titleZh}</Link>
                </h2>
                <Deadline opensAt={p.opensAt} closesAt={p.closesAt} serverNow={now} />
              </div>
              <p className="muted">
                {p.partner
                  ? `${en ? p.partner.nameEn : p.partner.nameZh} · ${en ? p.partner.countryEn : p.partner.countryZh}`
                  : t('catalogue.standing')}
              </p>
              <ProgramBadges kind={p.kind} partner={p.partner} />
              <p className="program-meta">
                <span>{t('catalogue.closes', { date: formatDate(locale, p.closesAt) })}</span>
                <span>
                  {p.quota === null ? t('catalogue.noQuota') : t('catalogue.places', { quota: p.quota, left: p.placesLeft ?? 0 })}
                </span>
                <span>
                  {t('catalogue.levels', {
                    levels: formatList(
                      t,
                      p.levels.map((l) => t(`level.${l}`)),
                    ),
                  })}
                </span>
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
