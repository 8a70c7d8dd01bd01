import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '李老师',
  days: 5,
  items: [
    {
      reference: '2026-2027-AAA111',
      applicant: '张三',
      programTitle: '交换项目 A',
      waitingDays: 9,
      url: 'http://localhost:3000/college/applications/a1',
    },
    {
      reference: '2026-2027-BBB222',
      applicant: '李四',
      programTitle: '交换项目 B',
      waitingDays: 6,
      url: 'http://localhost:3000/college/applications/b2',
    },
  ],
  queueUrl: 'http://localhost:3000/college',
}

describe('reviewer-reminder email', () => {
  test('lists the waiting applications in Chinese', async () => {
    const { subject, html, text } = await renderEmail('reviewer-reminder', 'zh-CN', payload)
    expect(subject).toBe('2 份申请等待审核已超过 5 天')
    expect(html).toContain('href="http://localhost:3000/college/applications/a1"')
    expect(text).toContain('李老师，您好：')
    expect(text).toContain('2026-2027-AAA111')
    expect(text).toContain('张三 · 交换项目 A · 已等待 9 天')
    expect(text).toContain('李四 · 交换项目 B · 已等待 6 天')
    expect(text).toContain('http://localhost:3000/college')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('reviewer-reminder', 'en', payload)
    expect(subject).toBe('Review reminder: 2 waiting more than 5 days')
    expect(text).toContain('waiting 9 days')
    expect(text).toContain('Open the review queue')
  })

  test('refuses an empty digest', async () => {
    await expect(renderEmail('reviewer-reminder', 'en', { ...payload, items: [] })).rejects.toThrow(/items/)
  })
})
