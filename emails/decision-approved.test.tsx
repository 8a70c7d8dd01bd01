import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '王五',
  programTitle: 'ICML 2027 国际会议资助',
  reference: '2026-2027-CONF01',
  applicationUrl: 'http://localhost:3000/student/applications/conf01',
  kind: 'conference' as const,
}

describe('decision-approved email', () => {
  test('congratulates in Chinese, with the amount and the next steps for the kind', async () => {
    const { subject, html, text } = await renderEmail('decision-approved', 'zh-CN', { ...payload, amountFen: 1_234_500 })
    expect(subject).toBe('申请已获批准：ICML 2027 国际会议资助')
    expect(html).toContain('href="http://localhost:3000/student/applications/conf01"')
    expect(text).toContain('王五，您好：')
    expect(text).toContain('资助金额：¥12,345.00')
    expect(text).toContain('接下来：')
    expect(text).toContain('报销票据')
    expect(text).toContain('申请编号：2026-2027-CONF01')
  })

  test('in English without an amount, for an exchange', async () => {
    const { subject, text } = await renderEmail('decision-approved', 'en', { ...payload, kind: 'exchange', message: 'Well done.' })
    expect(subject).toBe('Application approved: ICML 2027 国际会议资助')
    expect(text).toContain('Congratulations!')
    expect(text).not.toContain('Funding:')
    expect(text).toContain('Next steps:')
    expect(text).toContain('admission letter')
    expect(text).toContain('Message from the reviewer:')
    expect(text).toContain('Well done.')
  })

  // The portal has no pre-departure steps yet: the email must not send students looking for them.
  test.each(['exchange', 'joint_training', 'conference'] as const)('%s: names only steps the portal has', async (kind) => {
    const zh = (await renderEmail('decision-approved', 'zh-CN', { ...payload, kind })).text
    const en = (await renderEmail('decision-approved', 'en', { ...payload, kind })).text
    expect(zh).not.toMatch(/行前|确认行程/)
    expect(en).not.toMatch(/pre-departure|travel dates/i)
    if (kind !== 'conference') {
      expect(zh).toContain('回国总结报告')
      expect(en).toContain('return report')
    }
  })

  test('refuses a fractional amount', async () => {
    await expect(renderEmail('decision-approved', 'en', { ...payload, amountFen: 10.5 })).rejects.toThrow(/amountFen/)
  })
})
