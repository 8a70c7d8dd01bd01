import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = { name: '张三', reason: '您的交换申请仍在办理中。', privacyUrl: 'http://localhost:3000/student/privacy' }

describe('deletion-refused email', () => {
  test("gives the office's reason in Chinese", async () => {
    const { subject, text } = await renderEmail('deletion-refused', 'zh-CN', payload)
    expect(subject).toBe('个人信息删除申请未予办理')
    expect(text).toContain('张三，您好：')
    expect(text).toContain('您的交换申请仍在办理中。')
    expect(text).toContain('http://localhost:3000/student/privacy')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('deletion-refused', 'en', {
      ...payload,
      name: 'ZHANG San',
      reason: 'Your exchange is in progress.',
    })
    expect(subject).toBe('Your request to delete your personal information was refused')
    expect(text).toContain('Your exchange is in progress.')
  })

  test('refuses a refusal without a reason', async () => {
    await expect(renderEmail('deletion-refused', 'en', { ...payload, reason: '' })).rejects.toThrow(/reason/)
  })
})
