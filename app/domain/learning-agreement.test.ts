import { describe, expect, it } from 'vitest'
import {
  agreementState,
  allDecided,
  applicableScale,
  carriedLines,
  convertGrade,
  countryScaleId,
  editable,
  formatCredits,
  mayStartVersion,
  parseGradeScale,
  partnerScaleId,
  plannedTenths,
  recognisedTenths,
  recognitionVersion,
  submittable,
} from './learning-agreement'

const line = (decision: 'pending' | 'approved' | 'rejected', recognition: 'pending' | 'recognised', homeCreditTenths: number) => ({
  decision,
  recognition,
  homeCreditTenths,
})

describe('credits', () => {
  it('formats tenths without floating point', () => {
    expect(formatCredits(25)).toBe('2.5')
    expect(formatCredits(30)).toBe('3')
    expect(formatCredits(0)).toBe('0')
    expect(formatCredits(1)).toBe('0.1')
  })

  it('plans the approved lines and recognises only those approved and then recognised', () => {
    const lines = [
      line('approved', 'recognised', 30),
      line('approved', 'pending', 25),
      line('rejected', 'recognised', 40),
      line('pending', 'pending', 10),
    ]
    expect(plannedTenths(lines)).toBe(55)
    expect(recognisedTenths(lines)).toBe(30)
    // Sums of tenths stay exact where 0.1 + 0.2 would not.
    expect(recognisedTenths([line('approved', 'recognised', 1), line('approved', 'recognised', 2)])).toBe(3)
  })
})

describe('versions', () => {
  it('lets the student edit and submit a draft only, with at least one line', () => {
    expect(editable({ status: 'draft' })).toBe(true)
    expect(editable({ status: 'submitted' })).toBe(false)
    expect(editable({ status: 'decided' })).toBe(false)
    expect(submittable({ status: 'draft' }, 0)).toBe(false)
    expect(submittable({ status: 'draft' }, 1)).toBe(true)
    expect(submittable({ status: 'submitted' }, 3)).toBe(false)
  })

  it('starts a new version only once the latest is decided, carrying its approved lines', () => {
    expect(mayStartVersion(null)).toBe(true)
    expect(mayStartVersion({ status: 'draft' })).toBe(false)
    expect(mayStartVersion({ status: 'submitted' })).toBe(false)
    expect(mayStartVersion({ status: 'decided' })).toBe(true)
    const lines = [
      { id: 'a', decision: 'approved' as const },
      { id: 'b', decision: 'rejected' as const },
      { id: 'c', decision: 'approved' as const },
    ]
    expect(carriedLines(lines).map((l) => l.id)).toEqual(['a', 'c'])
  })

  it('decides a version when no line is pending', () => {
    expect(allDecided([])).toBe(false)
    expect(allDecided([{ decision: 'approved' }, { decision: 'pending' }])).toBe(false)
    expect(allDecided([{ decision: 'approved' }, { decision: 'rejected' }])).toBe(true)
  })

  it('recognises on the latest decided version, not an open draft', () => {
    const versions = [
      { no: 1, status: 'decided' as const },
      { no: 3, status: 'draft' as const },
      { no: 2, status: 'decided' as const },
    ]
    expect(recognitionVersion(versions)?.no).toBe(2)
    expect(recognitionVersion([{ no: 1, status: 'submitted' as const }])).toBeNull()
  })

  it('states the latest version with its counts', () => {
    expect(agreementState(null)).toEqual({ state: 'none' })
    expect(
      agreementState({ no: 2, status: 'submitted', lines: [{ decision: 'approved' }, { decision: 'pending' }, { decision: 'rejected' }] }),
    ).toEqual({ state: 'submitted', no: 2, approved: 1, rejected: 1, pending: 1 })
  })
})

describe('grade scales', () => {
  const scale = parseGradeScale('A = 95\nB+ = 88\n1.0-1.5 = 优秀\n1.6-2.5 = 良好\n16 - 20 = 90')
  const bands = scale.ok ? scale.bands : []

  it('reads one band a line', () => {
    expect(scale.ok).toBe(true)
    expect(bands).toHaveLength(5)
    expect(bands[2]).toEqual({ host: '1.0-1.5', home: '优秀' })
  })

  it('converts named grades ignoring case and spaces, and numbers by range with bounds included', () => {
    expect(convertGrade(bands, 'a')).toBe('95')
    expect(convertGrade(bands, ' B+ ')).toBe('88')
    expect(convertGrade(bands, '1.0')).toBe('优秀')
    expect(convertGrade(bands, '1.5')).toBe('优秀')
    expect(convertGrade(bands, '1,3')).toBe('优秀')
    expect(convertGrade(bands, '2.5')).toBe('良好')
    expect(convertGrade(bands, '17')).toBe('90')
  })

  it('finds no band for a grade outside every band', () => {
    expect(convertGrade(bands, 'C')).toBeNull()
    expect(convertGrade(bands, '3.0')).toBeNull()
    expect(convertGrade(bands, '')).toBeNull()
  })

  it('refuses a scale naming the line at fault', () => {
    expect(parseGradeScale('')).toEqual({ ok: false, problem: { line: 0, reason: 'empty' } })
    expect(parseGradeScale('A = 95\nB 85')).toEqual({ ok: false, problem: { line: 2, reason: 'format' } })
    expect(parseGradeScale('2.0-1.0 = 良')).toEqual({ ok: false, problem: { line: 1, reason: 'range' } })
    expect(parseGradeScale('A = 95\na = 90')).toEqual({ ok: false, problem: { line: 2, reason: 'duplicate' } })
  })

  it("applies the partner's own scale before its country's", () => {
    const partner = { id: 'p1', countryCode: 'DE' }
    const own = { id: partnerScaleId('p1') }
    const country = { id: countryScaleId('DE') }
    expect(applicableScale([country, own], partner)).toBe(own)
    expect(applicableScale([country], partner)).toBe(country)
    expect(applicableScale([{ id: countryScaleId('FR') }], partner)).toBeNull()
  })
})
