import { describe, expect, it } from 'vitest'
import {
  abroadOn,
  arrivalOverdue,
  blockingItems,
  canTakeStep,
  checklist,
  defaultRequirements,
  gradeQuiz,
  pledgeNameMatches,
  quizSchema,
  requiredItems,
  returnDue,
  returnOverdue,
  stayPhase,
  type StayFacts,
} from './stay'

const nothing: StayFacts = {
  itinerary: null,
  emergencyContact: null,
  visaStatus: null,
  educationPassedAt: null,
  pledgeSignedAt: null,
  guardianConsentAt: null,
  departedAt: null,
  arrivedAt: null,
  returnedAt: null,
}
const t = new Date('2027-02-01T00:00:00Z')
const everything: StayFacts = {
  ...nothing,
  itinerary: { flight: 'LH723' },
  emergencyContact: { name: '王大明' },
  visaStatus: 'granted',
  educationPassedAt: t,
  pledgeSignedAt: t,
  guardianConsentAt: t,
}

describe('the pre-departure checklist', () => {
  it("asks an undergraduate for the guardian's consent, a graduate not", () => {
    const items = (level: 'undergraduate' | 'master') => requiredItems(defaultRequirements('exchange'), level).map((r) => r.item)
    expect(items('undergraduate')).toContain('guardian_consent')
    expect(items('master')).not.toContain('guardian_consent')
    expect(items('master')).toHaveLength(6)
  })
  it('dates each item before the start and marks the late ones overdue', () => {
    const lines = checklist(
      requiredItems(defaultRequirements('exchange'), 'master'),
      nothing,
      { insurance: false, visa: false },
      '2027-03-01',
      '2027-02-23',
    )
    expect(lines[0]).toEqual({ item: 'itinerary', dueOn: '2027-02-22', done: false, overdue: true })
    expect(
      checklist(
        lines.map((l) => ({ programKind: 'exchange', item: l.item, levels: [], daysBeforeStart: 7 })),
        nothing,
        { insurance: false, visa: false },
        '2027-03-01',
        '2027-02-22',
      )[0]!.overdue,
    ).toBe(false)
  })
  it('counts a visa done when not needed, or granted with its copy uploaded; the insurance with its policy', () => {
    const required = requiredItems(defaultRequirements('exchange'), 'undergraduate')
    const missing = (stay: StayFacts, uploads: { insurance: boolean; visa: boolean }) =>
      blockingItems(checklist(required, stay, uploads, '2027-03-01', '2027-01-01'))
    expect(missing(everything, { insurance: true, visa: false })).toEqual(['visa'])
    expect(missing({ ...everything, visaStatus: 'applied' }, { insurance: true, visa: true })).toEqual(['visa'])
    expect(missing({ ...everything, visaStatus: 'not_needed' }, { insurance: false, visa: false })).toEqual(['insurance'])
    expect(missing(everything, { insurance: true, visa: true })).toEqual([])
    expect(missing(nothing, { insurance: false, visa: false })).toHaveLength(7)
  })
})

describe('the steps', () => {
  it('go depart, arrive, return, once each; the departure only with nothing blocking', () => {
    expect(canTakeStep('depart', 'preparing', ['pledge'])).toEqual({ ok: false, reason: 'blocked' })
    expect(canTakeStep('depart', 'preparing', [])).toEqual({ ok: true })
    expect(canTakeStep('arrive', 'preparing', [])).toEqual({ ok: false, reason: 'order' })
    expect(canTakeStep('depart', 'departed', [])).toEqual({ ok: false, reason: 'order' })
    expect(canTakeStep('arrive', 'departed', [])).toEqual({ ok: true })
    expect(canTakeStep('return', 'arrived', [])).toEqual({ ok: true })
    expect(canTakeStep('return', 'returned', [])).toEqual({ ok: false, reason: 'order' })
    expect(stayPhase({ departedAt: t, arrivedAt: t, returnedAt: null })).toBe('arrived')
  })
  it('owe an arrival three days after the start, a return after the end, overdue a week after it', () => {
    expect(arrivalOverdue({ departedAt: t, arrivedAt: null, returnedAt: null }, '2027-03-01', '2027-03-04')).toBe(false)
    expect(arrivalOverdue({ departedAt: t, arrivedAt: null, returnedAt: null }, '2027-03-01', '2027-03-05')).toBe(true)
    expect(arrivalOverdue({ departedAt: t, arrivedAt: t, returnedAt: null }, '2027-03-01', '2027-03-05')).toBe(false)
    expect(returnDue({ returnedAt: null }, '2027-07-31', '2027-07-31')).toBe(false)
    expect(returnDue({ returnedAt: null }, '2027-07-31', '2027-08-01')).toBe(true)
    expect(returnOverdue({ returnedAt: null }, '2027-07-31', '2027-08-07')).toBe(false)
    expect(returnOverdue({ returnedAt: null }, '2027-07-31', '2027-08-08')).toBe(true)
    expect(returnOverdue({ returnedAt: t }, '2027-07-31', '2027-09-01')).toBe(false)
  })
  it('count a student abroad on the days of the stay, not after their return', () => {
    expect(abroadOn('2027-03-01', '2027-07-31', null, '2027-03-01')).toBe(true)
    expect(abroadOn('2027-03-01', '2027-07-31', null, '2027-07-31')).toBe(true)
    expect(abroadOn('2027-03-01', '2027-07-31', null, '2027-08-01')).toBe(false)
    expect(abroadOn('2027-03-01', '2027-07-31', '2027-05-01', '2027-05-01')).toBe(true)
    expect(abroadOn('2027-03-01', '2027-07-31', '2027-05-01', '2027-05-02')).toBe(false)
  })
})

describe('the quiz and the pledge', () => {
  const questions = quizSchema.parse([
    { promptZh: '一', promptEn: 'one', choicesZh: ['甲', '乙'], choicesEn: ['a', 'b'], answer: 1 },
    { promptZh: '二', promptEn: 'two', choicesZh: ['甲', '乙', '丙'], choicesEn: ['a', 'b', 'c'], answer: 2 },
    { promptZh: '三', promptEn: 'three', choicesZh: ['甲', '乙'], choicesEn: ['a', 'b'], answer: 0 },
  ])
  it('grades by the share right, rounded down, against the pass mark', () => {
    expect(gradeQuiz(questions, [1, 2, 1], 60)).toEqual({ score: 66, passed: true })
    expect(gradeQuiz(questions, [1, 2, 1], 80)).toEqual({ score: 66, passed: false })
    expect(gradeQuiz(questions, [1, 2, 0], 100)).toEqual({ score: 100, passed: true })
  })
  it('refuses questions whose answer is not one of their choices', () => {
    expect(
      quizSchema.safeParse([{ promptZh: '一', promptEn: 'one', choicesZh: ['甲', '乙'], choicesEn: ['a', 'b'], answer: 2 }]).success,
    ).toBe(false)
    expect(quizSchema.safeParse([{ promptZh: '一', promptEn: 'one', choicesZh: ['甲', '乙'], choicesEn: ['a'], answer: 0 }]).success).toBe(
      false,
    )
  })
  it("takes the student's own name, in Chinese or English, spaces and case aside", () => {
    const names = { nameZh: '王小明', nameEn: 'WANG Xiaoming' }
    expect(pledgeNameMatches(' 王 小明 ', names)).toBe(true)
    expect(pledgeNameMatches('wang xiaoming', names)).toBe(true)
    expect(pledgeNameMatches('王小', names)).toBe(false)
    expect(pledgeNameMatches('', names)).toBe(false)
  })
})
