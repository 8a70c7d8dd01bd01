import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = { name: '李四', loginUrl: 'http://localhost:3000/login', forgotPasswordUrl: 'http://localhost:3000/forgot-password' }

describe('signup-existing-account email', () => {
  test('renders in Chinese: nothing was created, how to sign in or reset the password', async () => {
    const { subject, html, text } = await renderEmail('signup-existing-account', 'zh-CN', payload)
    expect(subject).toBe('您的邮箱已注册过出国（境）交流申请平台账户')
    expect(html).toContain('href="http://localhost:3000/login"')
    expect(text).toContain('李四，您好：')
    expect(text).toContain('没有创建新账户')
    expect(text).toContain('http://localhost:3000/forgot-password')
  })

  test('renders in English', async () => {
    const { subject, text } = await renderEmail('signup-existing-account', 'en', { ...payload, name: 'LI Si' })
    expect(subject).toBe('Your email already has a Mobility Portal account')
    expect(text).toContain('Dear LI Si,')
    expect(text).toContain('no new account was created')
    expect(text).toContain('http://localhost:3000/forgot-password')
  })

  test('carries no link that could act on the account: only the sign-in page (and the reset page, as text)', async () => {
    const { html } = await renderEmail('signup-existing-account', 'en', payload)
    expect(new Set([...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]))).toEqual(new Set(['http://localhost:3000/login']))
  })
})
