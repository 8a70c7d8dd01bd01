import { expect, test } from 'vitest'
import { renderEmail } from './index'

test('incident-check email quotes the office and gives both answers as links', async () => {
  const { subject, text } = await renderEmail('incident-check', 'zh-CN', {
    name: '王小明',
    message: '慕尼黑发生暴雨洪涝，请报平安。',
    safeUrl: 'http://localhost:3000/incident/safe-token',
    helpUrl: 'http://localhost:3000/incident/help-token',
  })
  expect(subject).toBe('请报平安：学校关心您在外的安全')
  expect(text).toContain('慕尼黑发生暴雨洪涝，请报平安。')
  expect(text).toContain('我平安')
  expect(text).toContain('http://localhost:3000/incident/safe-token')
  expect(text).toContain('我需要帮助')
  expect(text).toContain('http://localhost:3000/incident/help-token')
})
