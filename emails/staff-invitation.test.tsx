import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = { name: '王老师', setPasswordUrl: 'http://localhost:3000/reset-password?token=abc123', days: 7 }

describe('staff-invitation email', () => {
  test('renders in Chinese with the set-password link', async () => {
    const { subject, html, text } = await renderEmail('staff-invitation', 'zh-CN', payload)
    expect(subject).toBe('您的出国（境）交流申请平台账户已开通')
    expect(html).toContain('href="http://localhost:3000/reset-password?token=abc123"')
    expect(html).toContain('王老师，您好：')
    expect(text).toContain('7 天内')
    expect(text).toContain('设置密码')
  })

  test('renders in English', async () => {
    const { subject, text } = await renderEmail('staff-invitation', 'en', payload)
    expect(subject).toBe('Your Mobility Portal account is ready')
    expect(text).toContain('within 7 days')
    expect(text).toContain('http://localhost:3000/reset-password?token=abc123')
  })

  test('rejects a payload without a link', async () => {
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('staff-invitation', 'en', { name: 'x', days: 7 })).rejects.toThrow(/setPasswordUrl/)
  })
})
