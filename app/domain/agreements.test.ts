import { describe, expect, test } from 'vitest'
import { agreementsExpired, dueForRenewal, exchangeBalance, inForce, openToCollege, placesFor, type AgreementPeriod } from './agreements'

const agreement = (a: Partial<AgreementPeriod>): AgreementPeriod => ({
  type: 'exchange',
  startsOn: '2022-09-01',
  endsOn: '2027-08-31',
  placesOut: 6,
  placesIn: 3,
  retired: false,
  collegeIds: [],
  ...a,
})

describe('placesFor', () => {
  test('the places of the agreements in force during the academic year', () => {
    expect(placesFor([agreement({})], '2026-2027')).toBe(6)
    expect(placesFor([agreement({})], '2026-2027', 'placesIn')).toBe(3)
    // Ended before the year began, or starting after it ended: no limit from it.
    expect(placesFor([agreement({ endsOn: '2026-08-31' })], '2026-2027')).toBeNull()
    expect(placesFor([agreement({ startsOn: '2027-09-01', endsOn: '2030-08-31' })], '2026-2027')).toBeNull()
    expect(placesFor([agreement({ retired: true })], '2026-2027')).toBeNull()
  })

  test('a renewal replaces the agreement of its type; agreements of different types add up', () => {
    const renewed = [agreement({ endsOn: '2027-01-31' }), agreement({ startsOn: '2027-01-15', endsOn: '2032-01-31', placesOut: 8 })]
    expect(placesFor(renewed, '2026-2027')).toBe(8)
    expect(placesFor([...renewed, agreement({ type: 'joint_training', placesOut: 2 })], '2026-2027')).toBe(10)
    // An agreement without places adds no limit of its own.
    expect(placesFor([agreement({ type: 'framework', placesOut: null }), agreement({})], '2026-2027')).toBe(6)
    expect(placesFor([agreement({ placesOut: null })], '2026-2027')).toBeNull()
  })
})

test('in force, due for renewal within 90 days, and all ended', () => {
  const a = agreement({ startsOn: '2026-01-01', endsOn: '2026-12-31' })
  expect(inForce(a, '2026-01-01')).toBe(true)
  expect(inForce(a, '2026-12-31')).toBe(true)
  expect(inForce(a, '2027-01-01')).toBe(false)
  expect(dueForRenewal(a, '2026-10-02')).toBe(true) // 90 days before the end
  expect(dueForRenewal(a, '2026-10-01')).toBe(false)
  expect(dueForRenewal(a, '2027-01-01')).toBe(false) // ended: no longer a renewal but a gap
  expect(agreementsExpired([a], '2026-12-31')).toBe(false)
  expect(agreementsExpired([a], '2027-01-01')).toBe(true)
  expect(agreementsExpired([a, agreement({ endsOn: '2027-06-30' })], '2027-01-01')).toBe(false)
  expect(agreementsExpired([a, agreement({ endsOn: '2027-06-30', retired: true })], '2027-01-01')).toBe(true)
  expect(agreementsExpired([], '2027-01-01')).toBe(false)
})

test('the exchange balance never shows negative places left', () => {
  expect(exchangeBalance(4, 6, 2)).toEqual({ sent: 4, placesOut: 6, placesIn: 2, left: 2 })
  expect(exchangeBalance(7, 6, null)).toMatchObject({ left: 0 })
  expect(exchangeBalance(7, null, null)).toMatchObject({ left: null })
})

test('the colleges of the agreements in force say who may apply; none named means every college', () => {
  const cs = agreement({ collegeIds: ['cs'] })
  expect(openToCollege([cs], 'cs', '2026-10-01')).toBe(true)
  expect(openToCollege([cs], 'ee', '2026-10-01')).toBe(false)
  expect(openToCollege([cs, agreement({ type: 'framework' })], 'ee', '2026-10-01')).toBe(true)
  // An agreement not in force restricts nobody.
  expect(openToCollege([agreement({ collegeIds: ['cs'], startsOn: '2027-01-01' })], 'ee', '2026-10-01')).toBe(true)
  expect(openToCollege([agreement({ collegeIds: ['cs'], retired: true })], 'ee', '2026-10-01')).toBe(true)
})
