import { expect, test } from 'vitest'
import { isCountryCode } from './countries'
import { beltAndRoadCountries, isBeltAndRoadCountry } from './belt-and-road'
import { conferenceCountryKey } from './policy'

test('every listed code is an assigned country code, listed once', () => {
  expect(beltAndRoadCountries.filter((c) => !isCountryCode(c))).toEqual([])
  expect(new Set(beltAndRoadCountries).size).toBe(beltAndRoadCountries.length)
})

test('a conference country as typed counts by the country it names', () => {
  expect(isBeltAndRoadCountry(conferenceCountryKey('波兰'))).toBe(true)
  expect(isBeltAndRoadCountry(conferenceCountryKey(' Kazakhstan '))).toBe(true)
  expect(isBeltAndRoadCountry(conferenceCountryKey('USA'))).toBe(false)
  expect(isBeltAndRoadCountry(conferenceCountryKey('德国'))).toBe(false)
  expect(isBeltAndRoadCountry(conferenceCountryKey('Atlantis'))).toBe(false)
})
