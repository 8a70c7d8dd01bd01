import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '孙七',
  programTitle: '东京大学交换项目',
  reference: '2026-2027-REJ001',
  applicationUrl: 'http://localhost:3000/student/applications/rej001',
  reason: '语言成绩未达到对方院校要求（IELTS 6.5）。',
}

describe('decision-rejected email', () => {
  test('gives the reason in Chinese', async () => {
    const { subject, text } = await renderEmail('decision-rejected', 'zh-CN', payload)
    expect(subject).toBe('申请结果通知：东京大学交换项目')
    expect(text).toContain('孙七，您好：')
    expect(text).toContain('未获通过')
    expect(text).toContain('原因：')
    expect(text).toContain('语言成绩未达到对方院校要求（IELTS 6.5）。')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('decision-rejected', 'en', {
      ...payload,
      reason: 'The language score is below the requirement.',
    })
    expect(subject).toBe('Decision on your application: 东京大学交换项目')
    expect(text).toContain('was not successful')
    expect(text).toContain('Reason:')
    expect(text).toContain('The language score is below the requirement.')
  })

  test('refuses a rejection without a reason', async () => {
    await expect(renderEmail('decision-rejected', 'en', { ...payload, reason: '' })).rejects.toThrow(/reason/)
  })
})
