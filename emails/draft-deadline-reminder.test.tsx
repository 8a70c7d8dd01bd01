import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '张三',
  programTitle: '慕尼黑工业大学 2027 春季学期交换',
  closesAt: '2026-12-01T15:59:00.000Z',
  applicationUrl: 'http://localhost:3000/student/applications/d1',
}

describe('draft-deadline-reminder email', () => {
  test('names the deadline in Beijing time, in Chinese', async () => {
    const { subject, text } = await renderEmail('draft-deadline-reminder', 'zh-CN', payload)
    expect(subject).toBe('申请即将截止：慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('张三，您好：')
    expect(text).toContain('23:59')
    expect(text).toContain('继续填写申请')
    expect(text).toContain('http://localhost:3000/student/applications/d1')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('draft-deadline-reminder', 'en', payload)
    expect(subject).toBe('Deadline approaching: 慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('11:59 PM')
    expect(text).toContain('Continue my application')
  })

  test('refuses a payload without a deadline', async () => {
    const { closesAt: _, ...rest } = payload
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('draft-deadline-reminder', 'en', rest)).rejects.toThrow(/closesAt/)
  })
})
