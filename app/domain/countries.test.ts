import { describe, expect, it } from 'vitest'
import { countryCodeOf, countryCodes, countryName, countryNames, isCountryCode } from './countries'

describe('isCountryCode', () => {
  it('accepts assigned ISO 3166-1 alpha-2 codes only', () => {
    for (const code of ['DE', 'JP', 'GB', 'US', 'HK', 'KZ', 'XK']) expect(isCountryCode(code), code).toBe(true)
    // UK and SU are ICU's aliases of GB and RU, not codes of their own
    for (const code of ['XX', 'ZZ', 'EU', 'UN', 'UK', 'SU', 'XA', 'de', 'DEU', 'D', '']) expect(isCountryCode(code), code).toBe(false)
  })

  it('knows the 249 ISO countries and Kosovo', () => {
    expect(countryCodes).toHaveLength(250)
    expect(new Set(countryCodes).size).toBe(250)
    expect(countryCodes.every(isCountryCode)).toBe(true)
  })
})

describe('countryCodeOf', () => {
  it('recognises a country however it is typed', () => {
    const typed: Record<string, string[]> = {
      US: [
        '美国',
        'USA',
        'usa',
        'US',
        'United States',
        'united states ',
        '  United  States',
        'ＵＳＡ',
        'U.S.A.',
        'America',
        'United States of America',
      ],
      GB: ['英国', 'UK', 'Britain', 'England', 'United Kingdom', 'gbr'],
      KR: ['韩国', 'South Korea', 'Korea', 'KOR'],
      RU: ['俄罗斯', 'Russia', 'Russian Federation'],
      HK: ['中国香港', '香港', 'Hong Kong', 'HONG KONG', 'Hong Kong SAR China', '中国香港特别行政区', 'HKG'],
      MO: ['中国澳门', '澳门', 'Macau', 'Macao', 'MAC'],
      TW: ['中国台湾', '台湾', 'Taiwan', 'TWN'],
      DE: ['德国', 'Germany', 'de', 'DEU'],
      AT: ['奥地利', 'Austria'],
      CI: ['Côte d’Ivoire', "Cote d'Ivoire", '科特迪瓦'],
      CD: ['刚果（金）', '刚果(金)'],
      TR: ['Turkey', 'Türkiye', '土耳其'],
    }
    for (const [code, spellings] of Object.entries(typed))
      for (const spelling of spellings) expect(countryCodeOf(spelling), spelling).toBe(code)
  })

  it('recognises nothing in text that names no country, or names two', () => {
    for (const text of ['', '   ', '-', 'Atlantis', 'Europe', 'Online', 'XX', 'United', 'Congo'])
      expect(countryCodeOf(text), text).toBeNull()
  })

  it('leads every country’s own names and codes back to it', () => {
    for (const code of countryCodes) {
      expect(countryCodeOf(code), code).toBe(code)
      for (const locale of ['zh-CN', 'en'] as const) expect(countryCodeOf(countryName(code, locale)), `${code} ${locale}`).toBe(code)
    }
  })
})

describe('countryName', () => {
  it('names a country in the reader’s language, Chinese usage for Hong Kong, Macao and Taiwan', () => {
    expect(countryName('US', 'zh-CN')).toBe('美国')
    expect(countryName('US', 'en')).toBe('United States')
    expect(countryName('HK', 'zh-CN')).toBe('中国香港特别行政区')
    expect(countryName('MO', 'zh-CN')).toBe('中国澳门特别行政区')
    expect(countryName('TW', 'zh-CN')).toBe('中国台湾')
    expect(countryName('TW', 'en')).toBe('Taiwan, China')
  })

  it('lists every country once for the form’s suggestions, in the language’s order', () => {
    const zh = countryNames('zh-CN')
    expect(zh).toHaveLength(250)
    expect(new Set(zh).size).toBe(250)
    expect(zh.indexOf('阿富汗')).toBeLessThan(zh.indexOf('中国台湾'))
    const en = countryNames('en')
    expect(en[0]).toBe('Afghanistan')
    expect(en).toContain('Taiwan, China')
  })
})
