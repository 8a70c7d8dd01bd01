import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '张三',
  programTitle: '慕尼黑工业大学 2027 春季学期交换',
  reference: 'MP-2026-ABC123',
  submittedAt: '2026-11-27T15:30:00.000Z',
  applicationUrl: 'http://localhost:3000/student/applications/abc123',
}

describe('submission-receipt email', () => {
  test('confirms the submission in Chinese, in Beijing time', async () => {
    const { subject, html, text } = await renderEmail('submission-receipt', 'zh-CN', payload)
    expect(subject).toBe('申请已提交：慕尼黑工业大学 2027 春季学期交换')
    expect(html).toContain('张三，您好：')
    // 15:30 UTC is 23:30 in Beijing.
    expect(text).toContain('23:30')
    expect(text).toContain('MP-2026-ABC123')
    expect(text).toContain('http://localhost:3000/student/applications/abc123')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('submission-receipt', 'en', payload)
    expect(subject).toBe('Application submitted: 慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('Dear 张三,')
    expect(text).toContain('11:30 PM')
    expect(text).toContain('Reference: MP-2026-ABC123')
  })

  test('refuses a payload without a link', async () => {
    await expect(renderEmail('submission-receipt', 'en', { ...payload, applicationUrl: 'not a url' })).rejects.toThrow(/applicationUrl/)
  })
})
