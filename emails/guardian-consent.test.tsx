import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  studentName: '王小明',
  programTitle: '慕尼黑工业大学春季交换',
  startDate: '2027-03-01',
  endDate: '2027-07-31',
  expiresAt: '2027-02-10T16:00:00.000Z',
  consentUrl: 'http://localhost:3000/guardian/abc-token',
}

describe('guardian-consent email', () => {
  test('names the student, the mobility, its dates and the link, and says the link works once', async () => {
    const { subject, text } = await renderEmail('guardian-consent', 'zh-CN', payload)
    expect(subject).toBe('王小明 出国（境）学习交流：请确认监护人知情同意')
    expect(text).toContain('家长您好：')
    expect(text).toContain('2027年3月1日')
    expect(text).toContain('http://localhost:3000/guardian/abc-token')
    expect(text).toContain('仅可使用一次')
  })

  test('in English', async () => {
    const { subject, text } = await renderEmail('guardian-consent', 'en', payload)
    expect(subject).toBe('王小明 going abroad: please confirm your consent')
    expect(text).toContain('Confirm my consent')
  })
})
