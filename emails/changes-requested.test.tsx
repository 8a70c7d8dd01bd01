import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '张三',
  programTitle: '慕尼黑工业大学 2027 春季学期交换',
  reference: '2026-2027-ABC123',
  applicationUrl: 'http://localhost:3000/student/applications/abc123',
  reason: '学习计划过于简略。\n请补充课程对应关系。',
  fields: ['studyPlan', 'courses'],
  documents: ['transcript' as const],
}

describe('changes-requested email', () => {
  test('lists the items to change with their Chinese labels', async () => {
    const { subject, html, text } = await renderEmail('changes-requested', 'zh-CN', { ...payload, message: '有问题请随时联系学院办公室。' })
    expect(subject).toBe('请修改您的申请：慕尼黑工业大学 2027 春季学期交换')
    expect(html).toContain('lang="zh-CN"')
    expect(text).toContain('张三，您好：')
    expect(text).toContain('学习计划过于简略。\n请补充课程对应关系。')
    expect(text).toContain('需要修改的内容：')
    expect(text).toContain('学习计划')
    expect(text).toContain('拟修读并回校认定学分的课程')
    expect(text).toContain('需要补充或更换的材料：')
    expect(text).toContain('成绩单')
    expect(text).toContain('审核人留言：')
    expect(text).toContain('有问题请随时联系学院办公室。')
    expect(text).toContain('http://localhost:3000/student/applications/abc123')
  })

  test('and in English, leaving out an empty list', async () => {
    const { subject, text } = await renderEmail('changes-requested', 'en', { ...payload, documents: [] })
    expect(subject).toBe('Changes requested: 慕尼黑工业大学 2027 春季学期交换')
    expect(text).toContain('Dear 张三,')
    expect(text).toContain('Answers to change:')
    expect(text).toContain('Study plan')
    expect(text).toContain('Courses to be recognised on return')
    expect(text).not.toContain('Documents to add or replace')
    expect(text).not.toContain('Message from the reviewer')
  })

  test('refuses a request that names nothing, or an unknown document kind', async () => {
    await expect(renderEmail('changes-requested', 'en', { ...payload, fields: [], documents: [] })).rejects.toThrow(
      /names no field or document/,
    )
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('changes-requested', 'en', { ...payload, documents: ['diploma'] })).rejects.toThrow(/documents/)
  })
})
