// The finance figures of one academic year as a workbook (funds, fund × college lines, every
// award) and the awards alone as CSV. Amounts are yuan with two decimals, always derived from
// integer fen: sums are taken in fen and divided once.
import ExcelJS from 'exceljs'
import { shanghaiDate } from '~/domain/dates'
import { formatCsv, inert } from '~/domain/import/csv'
import type { FundFigures } from '~/domain/funding'
import { fenToYuanInput } from '~/domain/money'
import { translator, type Locale, type MessageKey } from '~/i18n'
import { recordReads } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { applicationReference } from './application.server'
import { financeSummary, type CollegeLine } from './finance-summary.server'

const yuan = (fen: number) => fen / 100
const MONEY = '#,##0.00'
const PERCENT = '0.0%'

type Named = { nameZh: string; nameEn: string }
const nameIn = (locale: Locale) => (n: Named) => (locale === 'en' ? n.nameEn : n.nameZh)

export const exportFileName = (academicYear: string, ext: 'xlsx' | 'csv') => `finance-${academicYear}.${ext}`

// ---- the awards, shared by the workbook's third sheet and the CSV -------------------------------

const amountColumns = ['requestedFen', 'approvedFen', 'paidFen', 'releasedFen'] as const
type AmountColumn = (typeof amountColumns)[number]

const awardHeaders: MessageKey[] = [
  'financeDashboard.col.reference',
  'financeDashboard.col.studentNumber',
  'financeDashboard.col.student',
  'financeDashboard.col.college',
  'financeDashboard.col.kind',
  'financeDashboard.col.fund',
  'financeDashboard.col.status',
  'financeDashboard.col.requested',
  'financeDashboard.col.approved',
  'financeDashboard.col.paid',
  'financeDashboard.col.released',
  'financeDashboard.col.voucher',
  'financeDashboard.col.paidOn',
]

/**
 * Every award of the year whose application the reader may open (the access policy: a list names
 * people), by fund and then in the order they were made.
 */
async function awardRows(reader: SessionUser, academicYear: string, locale: Locale) {
  const t = translator(locale)
  const name = nameIn(locale)
  const access = await accessFor(reader)
  const awards = await prisma.award.findMany({
    where: { fund: { academicYear }, application: access.where('staff') },
    orderBy: [{ fund: { createdAt: 'asc' } }, { fundId: 'asc' }, { createdAt: 'asc' }, { id: 'asc' }],
    select: {
      status: true,
      requestedFen: true,
      approvedFen: true,
      paidFen: true,
      releasedFen: true,
      voucherNumber: true,
      paidAt: true,
      fund: { select: { nameZh: true, nameEn: true } },
      college: { select: { nameZh: true, nameEn: true } },
      application: {
        select: { id: true, kind: true, applicantId: true, applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } } },
      },
    },
  })
  // PIPL: an export naming students is a read of each one's data.
  await recordReads(
    prisma,
    [...new Map(awards.map((a) => [a.application.id, a.application])).values()].map((a) => ({
      actorId: reader.id,
      subjectId: a.applicantId,
      kind: 'export' as const,
      applicationId: a.id,
      detail: 'finance',
    })),
  )
  return awards.map((a) => ({
    text: [
      applicationReference(a.application.id, academicYear),
      a.application.applicant.studentNumber ?? '',
      name(a.application.applicant),
      name(a.college),
      t(`kind.${a.application.kind}`),
      name(a.fund),
      t(`financeDashboard.awardStatus.${a.status}`),
    ],
    amounts: a,
    voucher: a.voucherNumber ?? '',
    paidOn: a.paidAt ? shanghaiDate(a.paidAt) : '',
  }))
}

function sumFen(rows: { amounts: Record<AmountColumn, number> }[]) {
  const totals = { requestedFen: 0, approvedFen: 0, paidFen: 0, releasedFen: 0 }
  for (const row of rows) for (const column of amountColumns) totals[column] += row.amounts[column]
  return totals
}

// ---- xlsx -------------------------------------------------------------------------------------

const figureHeaders: MessageKey[] = [
  'financeDashboard.col.budget',
  'financeDashboard.col.committed',
  'financeDashboard.col.paid',
  'financeDashboard.col.released',
  'financeDashboard.col.remaining',
  'financeDashboard.col.utilisation',
]
const figureCells = (f: FundFigures) => [
  yuan(f.budgetFen),
  yuan(f.committedFen),
  yuan(f.paidFen),
  yuan(f.releasedFen),
  yuan(f.remainingFen),
  f.utilisation,
]

function styleSheet(sheet: ExcelJS.Worksheet, formats: Record<number, string>, widths: number[]) {
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  widths.forEach((width, i) => (sheet.getColumn(i + 1).width = width))
  for (const [column, numFmt] of Object.entries(formats)) sheet.getColumn(Number(column)).numFmt = numFmt
}

export async function financeWorkbook(reader: SessionUser, academicYear: string, locale: Locale): Promise<Uint8Array<ArrayBuffer>> {
  const t = translator(locale)
  const name = nameIn(locale)
  const [summary, awards] = await Promise.all([financeSummary(academicYear), awardRows(reader, academicYear, locale)])
  const workbook = new ExcelJS.Workbook()
  workbook.created = new Date()

  const funds = workbook.addWorksheet(t('financeDashboard.sheet.funds'))
  funds.addRow([t('financeDashboard.col.fund'), ...figureHeaders.map((k) => t(k)), t('financeDashboard.col.proposed')])
  for (const fund of summary.funds) funds.addRow([name(fund), ...figureCells(fund.figures), yuan(fund.proposedFen)])
  funds.addRow([t('financeDashboard.total'), ...figureCells(summary.totals), yuan(summary.totals.proposedFen)]).font = { bold: true }
  styleSheet(funds, { 2: MONEY, 3: MONEY, 4: MONEY, 5: MONEY, 6: MONEY, 7: PERCENT, 8: MONEY }, [32, 16, 16, 16, 16, 16, 10, 16])

  const colleges = workbook.addWorksheet(t('financeDashboard.sheet.colleges'))
  colleges.addRow([
    t('financeDashboard.col.fund'),
    t('financeDashboard.col.college'),
    t('financeDashboard.col.allocation'),
    ...figureHeaders.slice(1).map((k) => t(k)),
  ])
  for (const fund of summary.funds) for (const line of fund.colleges) colleges.addRow([name(fund), name(line), ...collegeCells(line)])
  styleSheet(colleges, { 3: MONEY, 4: MONEY, 5: MONEY, 6: MONEY, 7: MONEY, 8: PERCENT }, [32, 24, 16, 16, 16, 16, 16, 10])

  const sheet = workbook.addWorksheet(t('financeDashboard.sheet.awards'))
  sheet.addRow(awardHeaders.map((k) => t(k)))
  for (const row of awards) {
    sheet.addRow([
      ...row.text,
      ...amountColumns.map((c) => yuan(row.amounts[c])),
      row.voucher,
      row.paidOn ? new Date(`${row.paidOn}T00:00:00Z`) : null,
    ])
  }
  const totals = sumFen(awards)
  sheet.addRow([t('financeDashboard.total'), '', '', '', '', '', '', ...amountColumns.map((c) => yuan(totals[c]))]).font = { bold: true }
  styleSheet(sheet, { 8: MONEY, 9: MONEY, 10: MONEY, 11: MONEY, 13: 'yyyy-mm-dd' }, [20, 14, 16, 20, 14, 28, 10, 14, 14, 14, 14, 16, 12])

  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** A college line without an allocation draws on the fund's pool: no budget, remaining or utilisation of its own. */
function collegeCells(line: CollegeLine) {
  const f = line.figures
  const own = line.allocationFen !== null
  return [
    own ? yuan(line.allocationFen!) : null,
    yuan(f.committedFen),
    yuan(f.paidFen),
    yuan(f.releasedFen),
    own ? yuan(f.remainingFen) : null,
    own ? f.utilisation : null,
  ]
}

// ---- csv --------------------------------------------------------------------------------------

export async function awardsCsv(reader: SessionUser, academicYear: string, locale: Locale): Promise<string> {
  const t = translator(locale)
  const awards = await awardRows(reader, academicYear, locale)
  const totals = sumFen(awards)
  const lines = [
    awardHeaders.map((k) => t(k)),
    ...awards.map((row) => [
      ...row.text.map(inert),
      ...amountColumns.map((c) => fenToYuanInput(row.amounts[c])),
      inert(row.voucher),
      row.paidOn,
    ]),
    [t('financeDashboard.total'), '', '', '', '', '', '', ...amountColumns.map((c) => fenToYuanInput(totals[c])), '', ''],
  ]
  return formatCsv(lines)
}
