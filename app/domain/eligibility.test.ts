import { describe, expect, it } from 'vitest'
import { checkEligibility, normaliseGpa, programRequirementsSchema, submissionWindowApplies, type EligibilityInput } from './eligibility'
import { statuses } from './workflow'

const closesAt = new Date('2026-12-15T23:59:59+08:00')
const base: EligibilityInput = {
  now: new Date('2026-11-01T10:00:00+08:00'),
  program: {
    kind: 'exchange',
    academicYear: '2026-2027',
    levels: ['undergraduate', 'master'],
    opensAt: new Date('2026-10-01T00:00:00+08:00'),
    closesAt,
    quota: 6,
    placesTaken: 2,
    requirements: { minGpa: 3.3, language: { ielts: 6.5, toefl: 90, cet6: 425 } },
  },
  applicant: { level: 'undergraduate' },
  answers: { gpa: 3.5, gpaScale: '4.0', languageTest: 'ielts', languageScore: 7 },
  applications: [],
  applicationId: 'this',
  status: 'draft',
}

type Patch = {
  [K in keyof EligibilityInput]?: K extends 'now' | 'applications' | 'applicationId' | 'status'
    ? EligibilityInput[K]
    : Partial<EligibilityInput[K]>
}
const check = (patch: Patch = {}) =>
  checkEligibility({
    ...base,
    ...patch,
    program: { ...base.program, ...patch.program },
    applicant: { ...base.applicant, ...patch.applicant },
    answers: { ...base.answers, ...patch.answers },
  } as EligibilityInput)
const codes = (patch: Patch = {}) => check(patch).failures.map((f) => f.code)

describe('checkEligibility', () => {
  it('passes an eligible student', () => {
    expect(check()).toEqual({ ok: true, failures: [], warnings: [] })
  })

  describe('level', () => {
    it('refuses a level the program does not take', () => {
      expect(check({ applicant: { level: 'doctoral' } }).failures).toEqual([
        { code: 'eligibility.levelNotAllowed', params: { level: 'doctoral' } },
      ])
      expect(codes({ applicant: { level: null } })).toEqual(['eligibility.levelNotAllowed'])
    })
    it('takes every level when the program lists none', () => {
      expect(codes({ program: { levels: [] }, applicant: { level: 'doctoral' } })).toEqual([])
    })
  })

  describe('application window', () => {
    it('is open from opensAt, inclusive', () => {
      expect(codes({ now: base.program.opensAt })).toEqual([])
      expect(check({ now: new Date(base.program.opensAt.getTime() - 1) }).failures).toEqual([
        { code: 'eligibility.notOpenYet', params: { opensAt: '2026-10-01' } },
      ])
    })
    it('is still open at the closing instant and closed one millisecond later', () => {
      expect(codes({ now: closesAt })).toEqual([])
      expect(check({ now: new Date(closesAt.getTime() + 1) }).failures).toEqual([
        { code: 'eligibility.deadlinePassed', params: { closesAt: '2026-12-15' } },
      ])
    })
    it('binds the first submission only: changes requested after the window closed may be resubmitted at any time', () => {
      const late = new Date(closesAt.getTime() + 90 * 24 * 3600 * 1000)
      expect(codes({ now: late, status: 'changes_requested' })).toEqual([])
      // Other rules still apply to a resubmission.
      expect(codes({ now: late, status: 'changes_requested', answers: { gpa: 2 } })).toEqual(['eligibility.gpaTooLow'])
      expect(codes({ now: late, status: 'draft' })).toEqual(['eligibility.deadlinePassed'])
    })
    it('applies to drafts only: a submitted application was in time when it was sent', () => {
      expect(statuses.filter(submissionWindowApplies)).toEqual(['draft'])
      const late = new Date(closesAt.getTime() + 1)
      for (const status of statuses.filter((s) => s !== 'draft')) expect(codes({ now: late, status })).toEqual([])
    })
  })

  describe('GPA', () => {
    it('passes exactly at the minimum and fails just below', () => {
      expect(codes({ answers: { gpa: 3.3 } })).toEqual([])
      expect(check({ answers: { gpa: 3.29 } }).failures).toEqual([{ code: 'eligibility.gpaTooLow', params: { gpa: 3.29, min: 3.3 } }])
    })
    it('normalises other scales to 4.0 before comparing', () => {
      expect(codes({ answers: { gpa: 83, gpaScale: '100' } })).toEqual([])
      expect(check({ answers: { gpa: 82.9, gpaScale: '100' } }).failures).toEqual([
        { code: 'eligibility.gpaTooLow', params: { gpa: 3.29, min: 3.3 } },
      ])
      expect(codes({ answers: { gpa: 3.3, gpaScale: '4.3' } })).toEqual([])
      expect(codes({ answers: { gpa: 3.2, gpaScale: '4.3' } })).toEqual(['eligibility.gpaTooLow'])
      expect(codes({ answers: { gpa: 3.3, gpaScale: '5.0' } })).toEqual([])
      expect(codes({ answers: { gpa: 3.29, gpaScale: '5.0' } })).toEqual(['eligibility.gpaTooLow'])
    })
    it('asks for a GPA when the program sets a minimum', () => {
      expect(check({ answers: { gpa: undefined } }).failures).toEqual([{ code: 'eligibility.gpaMissing', params: { min: 3.3 } }])
      expect(codes({ answers: { gpaScale: undefined } })).toEqual(['eligibility.gpaMissing'])
    })
    it('ignores the GPA when the program sets no minimum', () => {
      expect(codes({ program: { requirements: {} }, answers: { gpa: undefined } })).toEqual([])
    })
  })

  describe('language', () => {
    const accepted = 'IELTS 6.5 / TOEFL iBT 90 / CET-6 425'
    it('passes exactly at the minimum of any listed test', () => {
      expect(codes({ answers: { languageTest: 'ielts', languageScore: 6.5 } })).toEqual([])
      expect(codes({ answers: { languageTest: 'toefl', languageScore: 90 } })).toEqual([])
      expect(codes({ answers: { languageTest: 'cet6', languageScore: 425 } })).toEqual([])
    })
    it('fails just below, naming the minimum', () => {
      expect(check({ answers: { languageTest: 'ielts', languageScore: 6 } }).failures).toEqual([
        { code: 'eligibility.languageTooLow', params: { test: 'IELTS', score: 6, min: 6.5, accepted } },
      ])
    })
    it('does not count a test the program does not list', () => {
      expect(check({ answers: { languageTest: 'cet4', languageScore: 700 } }).failures).toEqual([
        { code: 'eligibility.languageTestNotAccepted', params: { accepted } },
      ])
    })
    it('asks for a result when there is none', () => {
      expect(codes({ answers: { languageTest: 'none', languageScore: undefined } })).toEqual(['eligibility.languageMissing'])
      expect(codes({ answers: { languageTest: undefined, languageScore: undefined } })).toEqual(['eligibility.languageMissing'])
    })
    it('requires nothing when the program lists no test', () => {
      expect(codes({ program: { requirements: { language: {} } }, answers: { languageTest: 'none' } })).toEqual([])
    })
  })

  describe('one active application per kind per academic year', () => {
    const other = { id: 'other', kind: 'exchange', academicYear: '2026-2027' } as const
    it.each(statuses.map((status) => [status, !['withdrawn', 'rejected', 'cancelled'].includes(status)] as const))(
      'another exchange application %s blocks: %s',
      (status, blocks) => {
        const result = check({ applications: [{ ...other, status }] })
        expect(result.failures).toEqual(
          blocks ? [{ code: 'eligibility.alreadyActive', params: { applicationId: 'other', status, academicYear: '2026-2027' } }] : [],
        )
      },
    )
    it('ignores the application being checked, other kinds and other years', () => {
      expect(codes({ applications: [{ ...other, id: 'this', status: 'draft' }] })).toEqual([])
      expect(codes({ applications: [{ ...other, kind: 'joint_training', status: 'submitted' }] })).toEqual([])
      expect(codes({ applications: [{ ...other, academicYear: '2025-2026', status: 'approved' }] })).toEqual([])
    })
  })

  describe('conference funding at most once per academic year', () => {
    const conference = {
      program: { kind: 'conference', levels: ['master', 'doctoral'], quota: null, requirements: {} },
      applicant: { level: 'master' },
      answers: {},
    } as const
    it.each(['approved', 'completed'] as const)('refuses when a conference application was %s this year', (status) => {
      expect(
        check({ ...conference, applications: [{ id: 'c1', kind: 'conference', academicYear: '2026-2027', status }] }).failures,
      ).toEqual([{ code: 'eligibility.conferenceAlreadyFunded', params: { applicationId: 'c1', academicYear: '2026-2027' } }])
    })
    it('allows another conference after a rejection, or funding in another year', () => {
      expect(
        codes({ ...conference, applications: [{ id: 'c1', kind: 'conference', academicYear: '2026-2027', status: 'rejected' }] }),
      ).toEqual([])
      expect(
        codes({ ...conference, applications: [{ id: 'c1', kind: 'conference', academicYear: '2025-2026', status: 'completed' }] }),
      ).toEqual([])
    })
    it('still allows only one active conference application at a time', () => {
      expect(
        codes({ ...conference, applications: [{ id: 'c1', kind: 'conference', academicYear: '2026-2027', status: 'submitted' }] }),
      ).toEqual(['eligibility.alreadyActive'])
    })
  })

  describe('quota', () => {
    it('warns, without failing, once every place is taken (the office can still waitlist)', () => {
      expect(check({ program: { placesTaken: 5 } }).warnings).toEqual([])
      expect(check({ program: { placesTaken: 6 } })).toEqual({
        ok: true,
        failures: [],
        warnings: [{ code: 'eligibility.quotaFull', params: { quota: 6, taken: 6 } }],
      })
      expect(check({ program: { quota: 0, placesTaken: 0 } }).warnings).toHaveLength(1)
    })
    it('never warns without a quota', () => {
      expect(check({ program: { quota: null, placesTaken: 1000 } }).warnings).toEqual([])
    })
  })

  it('reports every failure at once', () => {
    expect(
      codes({
        now: new Date(closesAt.getTime() + 1),
        applicant: { level: 'doctoral' },
        answers: { gpa: 2, languageScore: 5 },
        applications: [{ id: 'x', kind: 'exchange', academicYear: '2026-2027', status: 'waitlisted' }],
      }),
    ).toEqual([
      'eligibility.levelNotAllowed',
      'eligibility.deadlinePassed',
      'eligibility.gpaTooLow',
      'eligibility.languageTooLow',
      'eligibility.alreadyActive',
    ])
  })
})

describe('normaliseGpa', () => {
  it.each([
    [3.7, '4.0', 3.7],
    [4.3, '4.3', 4],
    [3.7, '4.3', 3.7],
    [5, '5.0', 4],
    [3.5, '5.0', 3.5],
    [90, '100', 4],
    [85, '100', 3.5],
    [100, '100', 4],
    [45, '100', 0],
  ] as const)('%d on the %s scale is %d', (gpa, scale, want) => {
    expect(normaliseGpa(gpa, scale)).toBeCloseTo(want, 10)
  })
})

describe('programRequirementsSchema', () => {
  it('parses the seeded requirements and an empty object', () => {
    const seeded = { minGpa: 3.3, language: { ielts: 6.5, toefl: 90, cet6: 425 } }
    expect(programRequirementsSchema.parse(seeded)).toEqual(seeded)
    expect(programRequirementsSchema.parse({})).toEqual({})
    expect(programRequirementsSchema.parse({ language: { duolingo: 105 } })).toEqual({ language: { duolingo: 105 } })
  })
  it.each([
    ['a GPA above 4.0', { minGpa: 4.5 }],
    ['a negative GPA', { minGpa: -1 }],
    ['a misspelt key', { minGPA: 3 }],
    ['an unknown test', { language: { IELTS: 6.5 } }],
    ['a score off the scale', { language: { ielts: 6.3 } }],
    ['a score as text', { language: { toefl: '90' } }],
    ['a minimum for "other"', { language: { other: 1 } }],
  ])('refuses %s', (_, value) => {
    expect(programRequirementsSchema.safeParse(value).success).toBe(false)
  })
})
