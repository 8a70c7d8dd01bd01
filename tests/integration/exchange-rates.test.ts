// Foreign currency against a real database: the bank's rate table imported as CSV (all or nothing)
// or entered by hand, a receipt in dollars converted at its day's rate and stored with the
// original amount, currency, rate and day, refused with the missing day named, and paid.
import { beforeEach, describe, expect, test } from 'vitest'
import type { User } from '~/generated/prisma/client'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { shanghaiDate } from '~/domain/dates'
import { importRates, recordForeignReceipt, setRate } from '~/models/exchange-rates.server'
import { confirmFunding, recordPayment } from '~/models/finance.server'
import { submitReturnReport } from '~/models/return-report.server'
import { decide } from '~/models/review-decisions.server'
import * as ratesPage from '~/routes/finance.rates'
import { createApplication, createCollege, createFund, createProgram, createStudent, createUser } from '../factories'
import { uploadPdf } from '../factories/documents'
import { resetDatabase } from '../support/db'
import { uniqueEmail } from '../support/mail-catcher'

const YEAR = '2026-2027'
const CSV = ['日期,货币对,中间价', '2026-11-03,USD/CNY,7.1050', '2026-11-03,100JPY/CNY,4.7123', '2026-11-04,USD/CNY,7.1102'].join('\n')

let finance: Awaited<ReturnType<typeof toSessionUser>>
beforeEach(async () => {
  await resetDatabase()
  const staff = async (roles: User['roles']) => toSessionUser(await createUser(prisma, { email: uniqueEmail(roles.join('-')), roles }))
  finance = await staff(['finance'])
})

describe('the rate table', () => {
  test('finance imports the central parity CSV; a second import replaces a day’s rate and audits both', async () => {
    expect(await importRates(finance, CSV)).toEqual({ ok: true, imported: 3 })
    const rates = await prisma.exchangeRate.findMany({ orderBy: [{ day: 'asc' }, { currency: 'asc' }] })
    expect(rates.map((r) => [shanghaiDate(r.day), r.currency, r.units, r.cnyE4, r.source])).toEqual([
      ['2026-11-03', 'JPY', 100, 47_123, 'csv'],
      ['2026-11-03', 'USD', 1, 71_050, 'csv'],
      ['2026-11-04', 'USD', 1, 71_102, 'csv'],
    ])
    expect(await setRate(finance, { currency: 'usd', day: '2026-11-04', units: 1, cnyE4: 71_100 })).toEqual({ ok: true })
    expect(await prisma.exchangeRate.count()).toBe(3)
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'fx.rate_replace' } })).toMatchObject({
      actorId: finance.id,
      before: { currency: 'USD', day: '2026-11-04', rate: '7.1102' },
      after: { currency: 'USD', day: '2026-11-04', rate: '7.1100', source: 'manual' },
    })
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'fx.import' } })).toMatchObject({
      after: { rates: 3, from: '2026-11-03', to: '2026-11-04' },
    })
  })

  test('the largest file the form takes (two years of 25 currencies) is imported whole; imported again with changes, only the changed rates are audited', async () => {
    // 740 days × 25 pairs, just under the form's 500,000 characters: written row by row, 6,000 rows
    // already outlasted the import's transaction (a 500 after 15 s).
    const currencies = [
      'USD',
      'EUR',
      'GBP',
      'AUD',
      'CAD',
      'CHF',
      'SGD',
      'NZD',
      'HKD',
      'MOP',
      'MYR',
      'RUB',
      'ZAR',
      'KRW',
      'AED',
      'SAR',
      'HUF',
      'PLN',
      'DKK',
      'SEK',
      'NOK',
      'TRY',
      'MXN',
      'THB',
      'JPY',
    ]
    const days = Array.from({ length: 740 }, (_, i) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString().slice(0, 10))
    const file = (rateOf: (c: number, d: number) => string) =>
      [
        'day,pair,rate',
        ...days.flatMap((day, d) => currencies.map((c, i) => `${day},${c === 'JPY' ? '100JPY' : c}/CNY,${rateOf(i, d)}`)),
      ].join('\n')
    const year = file((c, d) => `${1 + c}.${String(1000 + d).padStart(4, '0')}`)
    expect(year.length).toBeLessThanOrEqual(500_000)
    expect(await importRates(finance, year)).toEqual({ ok: true, imported: 18_500 })
    expect(await prisma.exchangeRate.count()).toBe(18_500)
    expect(await prisma.exchangeRate.findFirstOrThrow({ where: { currency: 'EUR', day: new Date('2025-01-02T00:00:00Z') } })).toMatchObject(
      {
        units: 1,
        cnyE4: 21_001,
        source: 'csv',
        setById: finance.id,
      },
    )
    // Written as UTC, as Prisma writes every time (the raw insert does not use the session's now()).
    const { setAt } = await prisma.exchangeRate.findFirstOrThrow({ where: { currency: 'USD' } })
    expect(Math.abs(setAt.getTime() - Date.now())).toBeLessThan(60_000)
    // The same file with the first day's euro rate corrected, and a line repeated with another rate:
    // the later line is kept, and counted once.
    const corrected = `${file((c, d) => (c === 1 && d === 0 ? '2.2222' : `${1 + c}.${String(1000 + d).padStart(4, '0')}`))}\n2025-01-02,USD/CNY,7.0000`
    expect(await importRates(finance, corrected)).toEqual({ ok: true, imported: 18_500 })
    expect(await prisma.exchangeRate.count()).toBe(18_500)
    const audited = await prisma.auditEvent.findMany({ where: { action: 'fx.rate_replace' }, orderBy: { entityId: 'asc' } })
    expect(audited.map((a) => [a.before, a.after]).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))).toEqual([
      [
        { currency: 'EUR', day: '2025-01-01', units: 1, rate: '2.1000' },
        { currency: 'EUR', day: '2025-01-01', units: 1, rate: '2.2222', source: 'csv' },
      ],
      [
        { currency: 'USD', day: '2025-01-02', units: 1, rate: '1.1001' },
        { currency: 'USD', day: '2025-01-02', units: 1, rate: '7.0000', source: 'csv' },
      ],
    ])
    expect(await prisma.exchangeRate.findFirstOrThrow({ where: { currency: 'USD', day: new Date('2025-01-02T00:00:00Z') } })).toMatchObject(
      { cnyE4: 70_000 },
    )
  })

  test('a CSV with a wrong line imports nothing and names the line', async () => {
    const bad = `${CSV}\n2026-11-05,USD/CNY,7.1.1\n2026-11-31,EUR/CNY,7.8`
    expect(await importRates(finance, bad)).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { csv: { key: 'fx.error.csvLines', params: { lines: '5, 6' } } },
    })
    expect(await prisma.exchangeRate.count()).toBe(0)
  })

  test('the page’s form: a pasted CSV is imported, a malformed rate is refused on its field', async () => {
    const cookie = (await createSession(finance.id, new Request('http://localhost/login'))).split(';')[0]
    const post = async (fields: Record<string, string>) => {
      const request = new Request('http://localhost/finance/rates', {
        method: 'POST',
        headers: { Cookie: cookie },
        body: new URLSearchParams(fields),
      })
      const result = (await ratesPage.action({ request, params: {}, context: {} as never })) as unknown as
        { data: { result: { error?: Record<string, string[]> } }; init: { status: number } } | { imported: number }
      return 'data' in result ? { status: result.init.status, errors: result.data.result.error } : result
    }
    expect(await post({ intent: 'import', csv: CSV })).toMatchObject({ imported: 3 })
    expect(await post({ intent: 'set', currency: 'EUR', day: '2026-11-03', units: '1', rate: '7.81234' })).toEqual({
      status: 400,
      errors: { rate: ['fx.error.rate'] },
    })
    expect(await post({ intent: 'set', currency: 'E1R', day: '2026-11-03', units: '1', rate: '7.8' })).toMatchObject({
      status: 400,
      errors: { currency: ['fx.error.currency'] },
    })
  })
})

describe('a receipt in dollars', () => {
  /** A conference in early November 2026 with its return report in, committed by finance. */
  async function committedConference() {
    const college = await createCollege(prisma)
    const fund = await createFund(prisma, { academicYear: YEAR, budgetFen: 10_000_000n })
    const program = await createProgram(prisma, {
      kind: 'conference',
      academicYear: YEAR,
      fundId: fund.id,
      quota: null,
      levels: ['master'],
    })
    const owner = await createStudent(prisma, { collegeId: college.id, level: 'master', email: uniqueEmail('s'), locale: 'en' })
    const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('o'), roles: ['office_reviewer'] }))
    const budget = { registration: 400_000, airfare: 600_000 }
    const app = await createApplication(prisma, {
      applicantId: owner.id,
      programId: program.id,
      status: 'college_endorsed',
      submittedAt: new Date(),
      details: { kind: 'conference', programId: program.id, startDate: '2026-11-02', endDate: '2026-11-05', budget },
      requestedFen: 1_000_000,
    })
    await decide(office, { applicationId: app.id, version: app.version, command: 'office_approve' })
    const award = await prisma.award.findFirstOrThrow({ where: { applicationId: app.id } })
    const inCheck = await prisma.application.findUniqueOrThrow({ where: { id: app.id } })
    expect(await confirmFunding(finance, { awardId: award.id, version: inCheck.version, approved: budget, note: '' })).toEqual({ ok: true })
    await uploadPdf(toSessionUser(owner), app.id, 'receipt')
    expect(
      await submitReturnReport(toSessionUser(owner), app.id, {
        summary: 'Presented.',
        actual: { registration: 360_000, airfare: 600_000 },
      }),
    ).toEqual({ ok: true })
    return prisma.award.findUniqueOrThrow({ where: { id: award.id } })
  }

  test('is converted at its day’s imported rate and stored with the original amount, currency, rate and day', async () => {
    const award = await committedConference()
    const receipt = { awardId: award.id, line: 'registration', currency: 'usd', amount: '500.00', receiptOn: '2026-11-03' }
    // No rate for that day yet: refused, naming the day.
    expect(await recordForeignReceipt(finance, receipt)).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { receiptOn: { key: 'fx.error.noRate', params: { currency: 'USD', day: '2026-11-03' } } },
    })
    expect(await prisma.foreignReceipt.count()).toBe(0)
    await importRates(finance, CSV)
    expect(await recordForeignReceipt(finance, { ...receipt, amount: '500.001' })).toMatchObject({ fields: { amount: 'fx.error.amount' } })
    // Extra zeros: 3,100,000 USD comes to more than any amount in yuan may be (a 500 before, not a database error).
    const tooLarge = { key: 'fx.error.amountTooLarge', params: { max: 1_000_000 } }
    expect(await recordForeignReceipt(finance, { ...receipt, amount: '3100000' })).toEqual({
      ok: false,
      error: 'form.fixErrors',
      fields: { amount: tooLarge },
    })
    expect(await prisma.foreignReceipt.count()).toBe(0)
    expect(await recordForeignReceipt(finance, { ...receipt, line: 'yacht' })).toMatchObject({
      fields: { line: 'finance.error.unknownLine' },
    })
    expect(await recordForeignReceipt(finance, receipt)).toEqual({ ok: true, convertedFen: 355_250 })
    const stored = await prisma.foreignReceipt.findFirstOrThrow()
    expect({ ...stored, receiptOn: shanghaiDate(stored.receiptOn), rateDay: shanghaiDate(stored.rateDay) }).toMatchObject({
      line: 'registration',
      currency: 'USD',
      amountMinor: 50_000n,
      receiptOn: '2026-11-03',
      rateDay: '2026-11-03',
      units: 1,
      cnyE4: 71_050,
      convertedFen: 355_250,
    })
    // Paid what the receipt came to; the rest goes back to the fund.
    expect(
      await recordPayment(finance, {
        awardId: award.id,
        version: award.version,
        paidFen: 355_250,
        voucherNumber: 'PZ-FX-1',
        paidOn: new Date(),
      }),
    ).toEqual({ ok: true })
    expect(await prisma.award.findUniqueOrThrow({ where: { id: award.id } })).toMatchObject({
      status: 'paid',
      paidFen: 355_250,
      releasedFen: 1_000_000 - 355_250,
    })
  })

  test('someone other than finance cannot record one', async () => {
    const award = await committedConference()
    const office = toSessionUser(await createUser(prisma, { email: uniqueEmail('o2'), roles: ['office_reviewer'] }))
    await importRates(finance, CSV)
    expect(
      await recordForeignReceipt(office, {
        awardId: award.id,
        line: 'registration',
        currency: 'USD',
        amount: '1',
        receiptOn: '2026-11-03',
      }),
    ).toEqual({ ok: false, error: 'error.notFound.body' })
  })
})
