import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '赵六',
  programTitle: '慕尼黑工业大学 2027 春季学期交换',
  reference: '2026-2027-OFFER1',
  applicationUrl: 'http://localhost:3000/student/applications/offer1',
  deadline: '2027-01-15T09:59:00.000Z',
}

describe('round-offer email', () => {
  test('offers the place and names the deadline in Beijing time, in Chinese', async () => {
    const { subject, text } = await renderEmail('round-offer', 'zh-CN', payload)
    expect(subject).toBe('选派录取通知：慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('赵六，您好：')
    expect(text).toContain('2027')
    expect(text).toContain('17:59')
    expect(text).toContain('逾期未确认视为放弃')
    expect(text).toContain('http://localhost:3000/student/applications/offer1')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('round-offer', 'en', payload)
    expect(subject).toBe('Offer of a place: 慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('Accept or decline it in the portal by')
    expect(text).toContain('reserve list')
  })

  test('refuses a payload without a deadline', async () => {
    const { deadline: _, ...rest } = payload
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('round-offer', 'en', rest)).rejects.toThrow(/deadline/)
  })
})
