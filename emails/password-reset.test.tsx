import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = { name: '李华', resetUrl: 'http://localhost:3000/reset-password?token=abc123', minutes: 30 }

describe('password-reset email', () => {
  test('renders in Chinese', async () => {
    const { subject, html, text } = await renderEmail('password-reset', 'zh-CN', payload)
    expect(subject).toBe('重置您的密码')
    expect(html).toContain('lang="zh-CN"')
    expect(html).toContain('href="http://localhost:3000/reset-password?token=abc123"')
    expect(html).toContain('李华，您好：')
    expect(html).toContain('30 分钟内')
    expect(html).toContain('出国（境）交流申请平台 / Mobility Portal')
    expect(text).toContain('http://localhost:3000/reset-password?token=abc123')
    expect(text).toContain('设置新密码')
    expect(text).toContain('请勿直接回复')
  })

  test('renders in English', async () => {
    const { subject, html, text } = await renderEmail('password-reset', 'en', payload)
    expect(subject).toBe('Reset your password')
    expect(html).toContain('href="http://localhost:3000/reset-password?token=abc123"')
    expect(html).toContain('Dear 李华,')
    expect(html).toContain('within 30 minutes')
    expect(text).toContain('http://localhost:3000/reset-password?token=abc123')
    expect(text).toContain('Choose a new password')
    expect(text).toContain('Please do not reply')
  })

  test('rejects a malformed payload clearly', async () => {
    await expect(
      // @ts-expect-error: the outbox hands over JSON that may not match the type
      renderEmail('password-reset', 'en', { name: 'x', resetUrl: 'not a url' }),
    ).rejects.toThrow(/Invalid payload for email template "password-reset"[\s\S]*resetUrl[\s\S]*minutes/)
  })
})
