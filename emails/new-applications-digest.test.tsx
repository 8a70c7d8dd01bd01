import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '李老师',
  since: '2026-11-26T16:00:00.000Z',
  items: [
    { reference: '2026-2027-NEW001', applicant: '张三', programTitle: '交换项目 A', url: 'http://localhost:3000/college/applications/n1' },
  ],
  queueUrl: 'http://localhost:3000/college',
}

describe('new-applications-digest email', () => {
  test('lists the new submissions in Chinese, since a Beijing time', async () => {
    const { subject, html, text } = await renderEmail('new-applications-digest', 'zh-CN', payload)
    expect(subject).toBe('新提交的申请：1 份')
    expect(html).toContain('href="http://localhost:3000/college/applications/n1"')
    // 16:00 UTC is midnight in Beijing.
    expect(text).toContain('00:00')
    expect(text).toContain('2026-2027-NEW001')
    expect(text).toContain('张三 · 交换项目 A')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('new-applications-digest', 'en', payload)
    expect(subject).toBe('New applications: 1')
    expect(text).toContain('Nov 27, 2026')
    expect(text).toContain('Open the review queue')
  })

  test('refuses a malformed date', async () => {
    await expect(renderEmail('new-applications-digest', 'en', { ...payload, since: 'yesterday' })).rejects.toThrow(/since/)
  })
})
