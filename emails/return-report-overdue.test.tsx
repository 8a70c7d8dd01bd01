import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '李四',
  programTitle: '2026-2027 学年研究生参加国际学术会议资助',
  endDate: '2027-05-20',
  receipts: true,
  reportUrl: 'http://localhost:3000/student/applications/a1/report',
}

describe('return-report-overdue email', () => {
  test('names the end date and asks for receipts, in Chinese', async () => {
    const { subject, text } = await renderEmail('return-report-overdue', 'zh-CN', payload)
    expect(subject).toBe('请提交返校报告：2026-2027 学年研究生参加国际学术会议资助')
    expect(text).toContain('李四，您好：')
    expect(text).toContain('2027年5月20日')
    expect(text).toContain('上传票据')
    expect(text).toContain('http://localhost:3000/student/applications/a1/report')
  })

  test('leaves receipts out without conference money, in English', async () => {
    const { subject, text } = await renderEmail('return-report-overdue', 'en', { ...payload, receipts: false })
    expect(subject).toBe('Please submit your return report: 2026-2027 学年研究生参加国际学术会议资助')
    expect(text).not.toContain('receipts')
    expect(text).toContain('Submit my return report')
  })
})
