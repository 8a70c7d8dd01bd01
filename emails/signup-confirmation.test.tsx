import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = { name: '张三', confirmUrl: 'http://localhost:3000/signup/confirm?token=abc123', hours: 24 }

describe('signup-confirmation email', () => {
  test('renders in Chinese with the link and its validity', async () => {
    const { subject, html, text } = await renderEmail('signup-confirmation', 'zh-CN', payload)
    expect(subject).toBe('确认您的邮箱，完成学生注册')
    expect(html).toContain('href="http://localhost:3000/signup/confirm?token=abc123"')
    expect(text).toContain('张三，您好：')
    expect(text).toContain('24 小时内')
    expect(text).toContain('完成注册')
    expect(text).toContain('不会创建任何账户')
  })

  test('renders in English', async () => {
    const { subject, text } = await renderEmail('signup-confirmation', 'en', { ...payload, name: 'ZHANG San' })
    expect(subject).toBe('Confirm your email to finish signing up')
    expect(text).toContain('Dear ZHANG San,')
    expect(text).toContain('within 24 hours')
    expect(text).toContain('http://localhost:3000/signup/confirm?token=abc123')
  })

  test('rejects a payload without a link', async () => {
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('signup-confirmation', 'en', { name: 'x', hours: 24 })).rejects.toThrow(/confirmUrl/)
  })
})
