import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '王老师',
  partner: '华沙理工大学',
  type: 'exchange' as const,
  endsOn: '2027-02-28',
  listUrl: 'http://localhost:3000/admin/agreements',
}

describe('agreement-renewal email', () => {
  test('names the partner, the kind of agreement and its last day, with the renewal list', async () => {
    const { subject, text } = await renderEmail('agreement-renewal', 'zh-CN', payload)
    expect(subject).toBe('合作协议即将到期：华沙理工大学（2027-02-28）')
    expect(text).toContain('与 华沙理工大学 的交换协议将于 2027年2月28日 到期')
    expect(text).toContain('http://localhost:3000/admin/agreements')
    const en = await renderEmail('agreement-renewal', 'en', { ...payload, partner: 'Warsaw University of Technology' })
    expect(en.text).toContain('The exchange agreement with Warsaw University of Technology ends on')
  })

  test('refuses a payload with a date that is not a day', async () => {
    await expect(renderEmail('agreement-renewal', 'en', { ...payload, endsOn: '2027-02-30' })).rejects.toThrow(/endsOn/)
  })
})
