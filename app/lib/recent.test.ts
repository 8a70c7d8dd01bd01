import { expect, test } from 'vitest'
import { setRecent } from './recent'

test('keeps the most recently set keys, forgetting the oldest first', () => {
  const map = new Map<string, number>()
  for (const [key, value] of [
    ['a', 1],
    ['b', 2],
    ['c', 3],
  ] as const)
    setRecent(map, key, value, 2)
  expect([...map]).toEqual([
    ['b', 2],
    ['c', 3],
  ])
  setRecent(map, 'b', 4, 2) // set again: now the most recent
  setRecent(map, 'd', 5, 2)
  expect([...map]).toEqual([
    ['b', 4],
    ['d', 5],
  ])
})
