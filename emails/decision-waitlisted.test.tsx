import { describe, expect, test } from 'vitest'
import { renderEmail } from './index'

const payload = {
  name: '赵六',
  programTitle: '新加坡国立大学暑期学校',
  reference: '2026-2027-WAIT01',
  applicationUrl: 'http://localhost:3000/student/applications/wait01',
}

describe('decision-waitlisted email', () => {
  test('explains the waiting list in Chinese', async () => {
    const { subject, text } = await renderEmail('decision-waitlisted', 'zh-CN', payload)
    expect(subject).toBe('申请已列入候补名单：新加坡国立大学暑期学校')
    expect(text).toContain('赵六，您好：')
    expect(text).toContain('按候补顺序递补')
    expect(text).toContain('http://localhost:3000/student/applications/wait01')
  })

  test('and in English', async () => {
    const { subject, text } = await renderEmail('decision-waitlisted', 'en', { ...payload, message: 'You are first on the list.' })
    expect(subject).toBe('Application waitlisted: 新加坡国立大学暑期学校')
    expect(text).toContain('waiting list')
    expect(text).toContain('You are first on the list.')
  })

  test("names a selection round's reserve rank and until when places go down the list", async () => {
    const reserve = { rank: 2, until: '2027-01-15T09:59:00.000Z' }
    const zh = await renderEmail('decision-waitlisted', 'zh-CN', { ...payload, reserve })
    expect(zh.text).toContain('递补名单第 2 位')
    expect(zh.text).toContain('2027')
    const en = await renderEmail('decision-waitlisted', 'en', { ...payload, reserve })
    expect(en.text).toContain('number 2 on the reserve list')
    await expect(renderEmail('decision-waitlisted', 'en', { ...payload, reserve: { ...reserve, rank: 0 } })).rejects.toThrow()
  })

  test('refuses a payload without a reference', async () => {
    const { reference: _, ...rest } = payload
    // @ts-expect-error: the outbox hands over JSON that may not match the type
    await expect(renderEmail('decision-waitlisted', 'en', rest)).rejects.toThrow(/reference/)
  })
})
