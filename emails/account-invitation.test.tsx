import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '王小明',
  email: 'wang.xm@example.edu.cn',
  setPasswordUrl: 'http://localhost:3000/reset-password?token=abc123',
  days: 7,
}

describe('account-invitation email', () => {
  test('renders in Chinese with the sign-in address, the link and its validity', async () => {
    const { subject, html, text } = await renderEmail('account-invitation', 'zh-CN', payload)
    expect(subject).toBe('欢迎使用出国（境）交流申请平台：请设置密码')
    expect(html).toContain('href="http://localhost:3000/reset-password?token=abc123"')
    expect(text).toContain('王小明，您好：')
    expect(text).toContain('登录邮箱：wang.xm@example.edu.cn')
    expect(text).toContain('7 天内有效')
    expect(text).toContain('设置密码')
  })

  test('renders in English', async () => {
    const { subject, text } = await renderEmail('account-invitation', 'en', { ...payload, name: 'WANG Xiaoming' })
    expect(subject).toBe('Welcome to the Mobility Portal: choose your password')
    expect(text).toContain('Dear WANG Xiaoming,')
    expect(text).toContain('Sign-in email: wang.xm@example.edu.cn')
    expect(text).toContain('within 7 days')
    expect(text).toContain('http://localhost:3000/reset-password?token=abc123')
  })

  test('rejects a payload without a link', async () => {
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('account-invitation', 'en', { name: 'x', email: 'x@example.edu.cn', days: 7 })).rejects.toThrow(
      /setPasswordUrl/,
    )
  })
})
