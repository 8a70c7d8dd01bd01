import { describe, expect, test } from 'vitest'
import { z } from 'zod'
import { applicationDraftSchema } from '~/schemas/application'
import { parseForm } from './form.server'

const form = (entries: Record<string, string>) => {
  const data = new FormData()
  for (const [name, value] of Object.entries(entries)) data.append(name, value)
  return data
}

describe('parseForm', () => {
  test('keeps the fields the schema names and drops the others', () => {
    const submission = parseForm(form({ name: 'Li', role: 'admin' }), { schema: z.object({ name: z.string() }) })
    expect(submission.status).toBe('success')
    expect(submission.payload).toEqual({ name: 'Li' })
  })

  // The application schemas are built on first use (z.lazy): their fields are read through it.
  test('reads the fields of a lazily built schema', () => {
    const submission = parseForm(form({ kind: 'conference', city: 'Vienna', isAdmin: 'yes' }), { schema: applicationDraftSchema })
    expect(submission.status).toBe('success')
    expect(submission.payload).toEqual({ kind: 'conference', city: 'Vienna' })
  })
})
