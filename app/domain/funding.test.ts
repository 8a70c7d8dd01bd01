import { describe, expect, it } from 'vitest'
import { requestsUniversityMoney } from './funding'

const funded = { fundId: 'fund-1' }
const unfunded = { fundId: null }

describe('requestsUniversityMoney', () => {
  it('asks for money for a conference with a budget', () => {
    expect(requestsUniversityMoney('conference', { budget: { airfare: 500000 } }, funded)).toBe(true)
    expect(requestsUniversityMoney('conference', { budget: { airfare: 0 } }, funded)).toBe(false)
    expect(requestsUniversityMoney('conference', {}, funded)).toBe(false)
  })
  it('asks for money for joint training paid by the university only', () => {
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'university' }, funded)).toBe(true)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'csc' }, funded)).toBe(false)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'self' }, funded)).toBe(false)
  })
  it('pays the scholarship of a funded exchange program', () => {
    expect(requestsUniversityMoney('exchange', {}, funded)).toBe(true)
  })
  it('never asks for money where the program has no fund', () => {
    expect(requestsUniversityMoney('exchange', {}, unfunded)).toBe(false)
    expect(requestsUniversityMoney('conference', { budget: { airfare: 500000 } }, unfunded)).toBe(false)
    expect(requestsUniversityMoney('joint_training', { fundingSource: 'university' }, unfunded)).toBe(false)
  })
})
