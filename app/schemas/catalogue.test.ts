import { describe, expect, it } from 'vitest'
import { parseCatalogueFilters } from './catalogue'

describe('parseCatalogueFilters', () => {
  it('keeps the filters that make sense', () => {
    const params = new URLSearchParams(
      'q=%20慕尼黑%20&kind=exchange&level=master&region=europe&country=DE&tier=close&beltAndRoad=1&openNow=1',
    )
    expect(parseCatalogueFilters(params)).toEqual({
      q: '慕尼黑',
      kind: 'exchange',
      level: 'master',
      region: 'europe',
      country: 'DE',
      tier: 'close',
      beltAndRoad: true,
      openNow: true,
    })
  })
  it('drops empty and nonsensical values instead of failing', () => {
    const params = new URLSearchParams(
      `kind=cruise&level=&country=Germany&region=${encodeURIComponent("'; drop table")}&q=${'x'.repeat(200)}`,
    )
    expect(parseCatalogueFilters(params)).toEqual({})
  })
})
