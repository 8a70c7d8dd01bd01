// /dashboard/export.xlsx?year=…[&college=…]: the dashboard's tables as an Excel workbook, one sheet
// per table, built from the same figures as the page (so the numbers are the page's numbers).
import type { LoaderFunctionArgs } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { conferenceCountryLabel, percentOf, shareOf, trackedTargetKinds } from '~/domain/policy'
import { translator, type Locale, type Translate } from '~/i18n'
import { requestLocale } from '~/lib/auth.server'
import { contentDisposition } from '~/lib/storage.server'
import { dashboardFigures, dashboardScope, type DashboardFigures } from '~/models/dashboard.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const { user, scope } = await dashboardScope(request)
  const locale = await requestLocale(request, user)
  const figures = await dashboardFigures(scope)
  const workbook = dashboardWorkbook(figures, translator(locale), locale)
  const body = await workbook.xlsx.writeBuffer()
  const file = `dashboard-${figures.year}${figures.college ? `-${figures.college.code}` : ''}.xlsx`
  return new Response(body as ArrayBuffer, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(file, 'attachment'),
      'Cache-Control': 'private, no-store',
    },
  })
}

/** Yuan as a number with two decimals (Excel formats it; fen stay exact up to 2^53). */
const yuan = (fen: number | null) => (fen === null ? null : fen / 100)

function dashboardWorkbook(f: DashboardFigures, t: Translate, locale: Locale): ExcelJS.Workbook {
  const en = locale === 'en'
  const name = (x: { nameZh: string; nameEn: string }) => (en ? x.nameEn : x.nameZh)
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date()
  const sheet = (key: Parameters<Translate>[0], header: string[], rows: (string | number | null)[][]) => {
    const ws = workbook.addWorksheet(t(key))
    ws.addRow(header).font = { bold: true }
    ws.addRows(rows)
    ws.columns.forEach((c) => (c.width = 18))
    ws.getColumn(1).width = 36
    return ws
  }
  const kind = (k: string) => t(`dashboard.targetKind.${k}` as Parameters<Translate>[0])

  sheet(
    'dashboard.sheet.headline',
    [
      '',
      t('dashboard.done'),
      t('dashboard.target'),
      '%',
      t('dashboard.lastYear', { year: f.previousYear }),
      `${t('dashboard.lastYear', { year: f.previousYear })} · ${t('dashboard.target')}`,
    ],
    [
      ...f.headline.map((h) => [kind(h.kind), h.count, h.target, percentOf(h.count, h.target), h.previous, h.previousTarget]),
      [kind('none'), f.untargeted.count, null, null, f.untargeted.previous, null],
      [t('dashboard.total'), f.total.count, null, null, f.total.previous, null],
      [kind('faculty_abroad'), null, f.facultyTarget, null, null, null],
    ],
  )
  sheet(
    'dashboard.sheet.colleges',
    [t('dashboard.college'), ...trackedTargetKinds.flatMap((k) => [kind(k), `${kind(k)} · ${t('dashboard.target')}`, `${kind(k)} · %`])],
    f.colleges.map((c) => [
      name(c),
      ...trackedTargetKinds.flatMap((k) => [c.counts[k], c.targets[k] ?? null, percentOf(c.counts[k], c.targets[k])]),
    ]),
  )
  sheet(
    'dashboard.sheet.places',
    [t('dashboard.region'), t('dashboard.country'), t('dashboard.mobilities')],
    [
      ...f.regions.flatMap((r) => [
        [t(`region.${r.region}` as Parameters<Translate>[0]), null, r.count],
        ...r.countries.map((c) => [null, en ? c.en : c.zh, c.count]),
      ]),
      ...(f.withoutPartner.length ? [[t('dashboard.withoutPartner'), null, f.withoutPartner.reduce((s, c) => s + c.count, 0)]] : []),
      ...f.withoutPartner.map((c) => [null, conferenceCountryLabel(c.country, locale) ?? t('dashboard.noCountry'), c.count]),
    ],
  )
  sheet(
    'dashboard.sheet.tiers',
    [
      t('dashboard.tier'),
      t('dashboard.tierCovered'),
      t('dashboard.tierPartners'),
      t('dashboard.tierCoverage'),
      t('dashboard.tierPlan'),
      t('dashboard.mobilities'),
    ],
    f.tiers.map((r) => [t(`tier.${r.tier}`), r.covered, r.partners, percentOf(r.covered, r.partners), r.plan, r.mobilities]),
  )
  sheet(
    'dashboard.sheet.beltAndRoad',
    [t('dashboard.year'), t('dashboard.beltAndRoad'), t('dashboard.mobilities'), '%'],
    [
      [f.year, f.beltAndRoad.count, f.beltAndRoad.total, shareOf(f.beltAndRoad.count, f.beltAndRoad.total)],
      [
        f.previousYear,
        f.beltAndRoad.previous.count,
        f.beltAndRoad.previous.total,
        shareOf(f.beltAndRoad.previous.count, f.beltAndRoad.previous.total),
      ],
    ],
  )
  const funds = sheet(
    'dashboard.sheet.funds',
    [t('dashboard.fund'), t('dashboard.fundUsed'), f.college ? t('dashboard.fundAllocation') : t('dashboard.fundBudget'), '%'],
    f.funds.map((x) => [name(x), yuan(x.usedFen), yuan(x.budgetFen), percentOf(x.usedFen, x.budgetFen)]),
  )
  funds.getColumn(2).numFmt = '#,##0.00'
  funds.getColumn(3).numFmt = '#,##0.00'
  funds.addRow([])
  funds.addRow([t('dashboard.sheet.fenNote')])
  return workbook
}
