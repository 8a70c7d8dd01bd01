// The award page's action as Remix calls it: a form whose hidden inputs (which form, the version
// the page showed) were tampered with or are out of date is refused with an error on the form, the
// place the page shows it, never on the hidden input where nobody would see it.
import type { ActionFunctionArgs } from '@remix-run/node'
import { beforeEach, describe, expect, test } from 'vitest'
import { addDays, shanghaiDate } from '~/domain/dates'
import { translateError, translator } from '~/i18n'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { action } from '~/routes/finance.awards.$awardId'
import { createApplication, createFund, createProgram, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'

const context = { cspNonce: '', clientIp: '127.0.0.1' }
type Answer = { intent: unknown; result: { status?: string; error?: Record<string, string[] | null> } }

let w: { cookie: string; proposed: { id: string; version: number }; committed: { id: string; version: number } }
beforeEach(async () => {
  await resetDatabase()
  const finance = await createUser(prisma, { roles: ['finance'] })
  const fund = await createFund(prisma)
  const applicant = await createStudent(prisma)
  const collegeId = applicant.collegeId!
  const conference = await createProgram(prisma, { kind: 'conference', fundId: fund.id })
  const waiting = await createApplication(prisma, {
    applicantId: applicant.id,
    programId: conference.id,
    status: 'funding_check',
    submittedAt: new Date(),
  })
  const proposed = await prisma.award.create({
    data: {
      applicationId: waiting.id,
      fundId: fund.id,
      collegeId,
      requestedFen: 300_000,
      lines: { registration: { requestedFen: 300_000 } },
    },
  })
  const approved = await createApplication(prisma, {
    applicantId: applicant.id,
    programId: (await createProgram(prisma)).id,
    status: 'approved',
    submittedAt: new Date(),
  })
  const committed = await prisma.award.create({
    data: { applicationId: approved.id, fundId: fund.id, collegeId, status: 'committed', requestedFen: 500_000, approvedFen: 500_000 },
  })
  w = {
    cookie: (await createSession(finance.id, new Request('http://localhost/login'))).split(';')[0],
    proposed: { id: proposed.id, version: waiting.version },
    committed: { id: committed.id, version: committed.version },
  }
})

/** Posts a form of the award's page; returns the status and the action's data. */
async function post(awardId: string, fields: [string, string][]) {
  const request = new Request(`http://localhost/finance/awards/${awardId}`, {
    method: 'POST',
    headers: { Cookie: w.cookie },
    body: new URLSearchParams(fields),
  })
  const answer = (await action({ request, params: { awardId }, context } as ActionFunctionArgs)) as unknown as
    Answer | { type: 'DataWithResponseInit'; data: Answer; init: { status?: number } | null }
  // A refusal comes as data(…, { status }), an accepted form as the plain object.
  if ('type' in answer && answer.type === 'DataWithResponseInit') return { status: answer.init?.status ?? 200, data: answer.data }
  return { status: 200, data: answer as Answer }
}

const payment = (version: string | number): [string, string][] => [
  ['intent', 'pay'],
  ['version', String(version)],
  ['paidAmount', '5000'],
  ['voucherNumber', 'PZ-1'],
  ['paidOn', shanghaiDate(new Date())],
]

/** The errors the page shows: on the form (above its fields), in both languages. */
function formErrors(data: Answer) {
  const messages = data.result.error?.[''] ?? []
  return { zh: messages.map((m) => translateError(translator('zh-CN'), m)), en: messages.map((m) => translateError(translator('en'), m)) }
}

describe('hidden inputs of the award page', () => {
  test.each([
    ['not a number', 'abc'],
    ['negative', '-1'],
    ['left out', undefined],
  ])('a version %s is refused as a page out of date, on the form (409, so the page reloads)', async (_, version) => {
    const fields = payment(version ?? '').filter(([name]) => version !== undefined || name !== 'version')
    const { status, data } = await post(w.committed.id, fields)
    expect(status).toBe(409)
    expect(data.intent).toBe('pay')
    expect(formErrors(data).en).toEqual(['Someone else has handled or changed this award; here is its current state.'])
    expect(formErrors(data).zh).toEqual(['该资助已被他人处理或已变更，请查看最新状态。'])
    expect(data.result.error?.version).toBeUndefined()
    expect(await prisma.award.findUniqueOrThrow({ where: { id: w.committed.id } })).toMatchObject({ status: 'committed', paidFen: 0 })
  })

  test('a stale version also keeps the errors of the visible fields beside them', async () => {
    const fields = payment('x').map(([name, value]): [string, string] => (name === 'paidOn' ? [name, '2027-02-30'] : [name, value]))
    const { data } = await post(w.committed.id, fields)
    expect(formErrors(data).en).toEqual(['Someone else has handled or changed this award; here is its current state.'])
    expect(data.result.error?.paidOn).toEqual(['application.error.date'])
  })

  test.each([
    ['unknown', [['intent', 'delete']]],
    ['left out', []],
    [
      'repeated',
      [
        ['intent', 'pay'],
        ['intent', 'pay'],
      ],
    ],
  ] as [string, [string, string][]][])('an intent %s is refused on the form with a message saying so', async (_, intent) => {
    const { status, data } = await post(w.committed.id, [...intent, ...payment(w.committed.version).filter(([name]) => name !== 'intent')])
    expect(status).toBe(400)
    expect(formErrors(data).en).toEqual(['The form sent could not be recognised; reload the page and try again.'])
    expect(formErrors(data).zh).toEqual(['无法识别提交的表单，请刷新页面后重试。'])
    expect(data.result.error?.intent).toBeUndefined()
  })

  test('the return form with a stale version: on the form, and nothing changes', async () => {
    const { status, data } = await post(w.proposed.id, [
      ['intent', 'return'],
      ['version', '1.5'],
      ['reason', '预算需要重新核对'],
    ])
    expect(status).toBe(409)
    expect(formErrors(data).en).toEqual(['Someone else has handled or changed this award; here is its current state.'])
    expect(await prisma.application.findFirstOrThrow({ where: { awards: { some: { id: w.proposed.id } } } })).toMatchObject({
      status: 'funding_check',
    })
  })
})

describe('the day of a payment', () => {
  const paidOn = (day: string) =>
    payment(w.committed.version).map(([name, value]): [string, string] => [name, name === 'paidOn' ? day : value])
  const fieldErrors = (data: Answer, field: string) => {
    const messages = data.result.error?.[field] ?? []
    return { zh: messages.map((m) => translateError(translator('zh-CN'), m)), en: messages.map((m) => translateError(translator('en'), m)) }
  }

  test('before the award was committed (2000-01-01) or after today is refused beside the date, in both languages', async () => {
    const today = shanghaiDate(new Date())
    const early = await post(w.committed.id, paidOn('2000-01-01'))
    expect(early.status).toBe(400)
    expect(Object.keys(early.data.result.error ?? {})).toEqual(['paidOn'])
    expect(fieldErrors(early.data, 'paidOn')).toEqual({
      zh: [`支付日期不能早于资助核定日期（${today}）。`],
      en: [`The payment cannot be dated before the award was committed (${today}).`],
    })
    const future = await post(w.committed.id, paidOn(addDays(today, 1)))
    expect(future.status).toBe(400)
    expect(fieldErrors(future.data, 'paidOn')).toEqual({
      zh: [`支付日期不能晚于今天（${today}）。`],
      en: [`The payment cannot be dated after today (${today}).`],
    })
    expect(await prisma.award.findUniqueOrThrow({ where: { id: w.committed.id } })).toMatchObject({ status: 'committed', paidFen: 0 })

    const { status, data } = await post(w.committed.id, paidOn(today))
    expect(data.result.error).toBeUndefined()
    expect(status).toBe(200)
    expect(await prisma.award.findUniqueOrThrow({ where: { id: w.committed.id } })).toMatchObject({ status: 'paid', paidFen: 500_000 })
  })
})

// Lengths are in characters, as the user counts them: the schema and the model behind it agree.
describe('text at its length limit', () => {
  test.each(['😀', '凭', '𠮷'])('a voucher number of 64 × %s is paid; 65 is refused beside the field', async (char) => {
    const voucher = (n: number) =>
      payment(w.committed.version).map(([name, value]): [string, string] => [name, name === 'voucherNumber' ? char.repeat(n) : value])
    const over = await post(w.committed.id, voucher(65))
    expect(over.status).toBe(400)
    expect(over.data.result.error).toEqual({ voucherNumber: ['form.tooLong|{"max":64}'] })
    const { status, data } = await post(w.committed.id, voucher(64))
    expect(data.result.error).toBeUndefined()
    expect(status).toBe(200)
    expect(await prisma.award.findUniqueOrThrow({ where: { id: w.committed.id } })).toMatchObject({
      status: 'paid',
      voucherNumber: char.repeat(64),
    })
  })

  test('a return reason of 2000 emoji returns the application; 2001 is refused beside the field', async () => {
    const reason = (n: number): [string, string][] => [
      ['intent', 'return'],
      ['version', String(w.proposed.version)],
      ['reason', '😀'.repeat(n)],
    ]
    expect((await post(w.proposed.id, reason(2001))).data.result.error).toEqual({ reason: ['form.tooLong|{"max":2000}'] })
    const { status, data } = await post(w.proposed.id, reason(2000))
    expect(data.result.error).toBeUndefined()
    expect(status).toBe(200)
    expect(await prisma.comment.findFirstOrThrow({ where: { body: '😀'.repeat(2000) } })).toBeTruthy()
  })
})
