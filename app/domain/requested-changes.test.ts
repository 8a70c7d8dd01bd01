import { describe, expect, it } from 'vitest'
import {
  answerOf,
  answersOutsideRequest,
  covers,
  differences,
  documentsOutsideRequest,
  pathOf,
  readChangeRequest,
  unrequestedAnswers,
  withRequestedAnswers,
} from './requested-changes'

const exchange = {
  kind: 'exchange',
  programId: 'p1',
  gpa: 3.62,
  gpaScale: '4.0',
  languageTest: 'ielts',
  languageScore: 7,
  motivation: 'Old motivation.',
  courses: [
    { homeCourse: 'ML', hostCourse: 'Machine Learning', credits: 3 },
    { homeCourse: 'DS', hostCourse: 'Distributed Systems', credits: 2.5 },
  ],
}

const conference = {
  kind: 'conference',
  programId: 'p2',
  paperTitle: 'Scaling laws',
  budget: { registration: 450_000, airfare: 980_050, visa: 60_000 },
}

describe('names and paths', () => {
  it('reads dotted and bracketed names', () => {
    expect(pathOf('motivation')).toEqual(['motivation'])
    expect(pathOf('budget.registration')).toEqual(['budget', 'registration'])
    expect(pathOf('courses[1].credits')).toEqual(['courses', 1, 'credits'])
    expect(pathOf('courses.1')).toEqual(['courses', 1])
    expect(pathOf('')).toEqual([])
  })

  it('a field covers everything under it, and nothing beside it', () => {
    expect(covers(['courses'], ['courses', 3, 'credits'])).toBe(true)
    expect(covers(['courses'], 'courses[0].homeCourse')).toBe(true)
    expect(covers(['courses'], ['coursesExtra'])).toBe(false)
    expect(covers(['budget'], ['budget', 'visa'])).toBe(true)
    expect(covers(['budget.visa'], ['budget', 'visa'])).toBe(true)
    expect(covers(['budget.visa'], ['budget', 'airfare'])).toBe(false)
    expect(covers(['budget.visa'], ['budget'])).toBe(false)
    expect(covers(['courses.1'], ['courses', 1, 'credits'])).toBe(true)
    expect(covers(['courses.1'], ['courses', 0, 'credits'])).toBe(false)
    expect(covers([], ['motivation'])).toBe(false)
  })

  it('opens companions together: a GPA with its scale, a score with its test', () => {
    expect(covers(['gpa'], ['gpaScale'])).toBe(true)
    expect(covers(['gpaScale'], ['gpa'])).toBe(true)
    expect(covers(['languageScore'], ['languageTest'])).toBe(true)
    expect(covers(['languageTest'], ['gpa'])).toBe(false)
    expect(covers(['motivation'], ['gpa'])).toBe(false)
  })

  it('names the answer a place belongs to: the field, a budget line, the list for its rows', () => {
    expect(answerOf(['gpa'])).toBe('gpa')
    expect(answerOf(['budget', 'visa'])).toBe('budget.visa')
    expect(answerOf(['courses', 2, 'credits'])).toBe('courses')
  })
})

describe('differences', () => {
  it('finds single values, in lists and groups, and ignores kind and program', () => {
    const after = {
      ...exchange,
      kind: 'x',
      programId: 'p9',
      gpa: 3.9,
      courses: [exchange.courses[0], { ...exchange.courses[1], credits: 3 }, { homeCourse: 'DB' }],
    }
    expect(differences(exchange, after)).toEqual([['gpa'], ['courses', 1, 'credits'], ['courses', 2, 'homeCourse']])
    expect(differences(conference, { ...conference, budget: { ...conference.budget, visa: 0 } })).toEqual([['budget', 'visa']])
  })

  it('treats missing, null and empty alike, and reports a change of shape where it is', () => {
    expect(differences({ a: 1 }, { a: 1, courses: [], budget: {}, b: null })).toEqual([])
    expect(differences({ motivation: 'text' }, { motivation: ['text'] })).toEqual([['motivation']])
    expect(differences({ budget: { visa: 1 } }, {})).toEqual([['budget', 'visa']])
  })
})

describe('a save while changes are requested', () => {
  it('an unrequested GPA change is named; the requested answer is not', () => {
    expect(unrequestedAnswers(exchange, { ...exchange, gpa: 3.95, motivation: 'New.' }, ['motivation'])).toEqual(['gpa'])
    expect(unrequestedAnswers(exchange, { ...exchange, motivation: 'New.' }, ['motivation'])).toEqual([])
  })

  it('an answer left out of the save is no change (read-only inputs need not be sent)', () => {
    expect(unrequestedAnswers(exchange, { kind: 'exchange', motivation: 'New.' }, ['motivation'])).toEqual([])
  })

  it('a new row of a list nobody named, or a budget line beside the named one, is a change', () => {
    const courses = [...exchange.courses, { homeCourse: 'DB', hostCourse: 'Databases', credits: 4 }]
    expect(unrequestedAnswers(exchange, { ...exchange, courses }, ['motivation'])).toEqual(['courses'])
    expect(unrequestedAnswers(exchange, { ...exchange, courses }, ['courses'])).toEqual([])
    const budget = { ...conference.budget, visa: 70_000, airfare: 1 }
    expect(unrequestedAnswers(conference, { ...conference, budget }, ['budget.visa'])).toEqual(['budget.airfare'])
    expect(unrequestedAnswers(conference, { ...conference, budget }, ['budget'])).toEqual([])
  })

  it('keeps what was not named and takes the named answers as sent (left out: cleared)', () => {
    const saved = withRequestedAnswers(exchange, { kind: 'exchange', motivation: 'New.', courses: [{ homeCourse: 'X' }] }, [
      'motivation',
      'gpa',
    ])
    expect(saved).toEqual({ ...exchange, motivation: 'New.', gpa: undefined, gpaScale: undefined } as never)
    expect(saved).not.toHaveProperty('gpa')
    expect(saved).not.toHaveProperty('gpaScale')
    expect(saved.courses).toEqual(exchange.courses)
    const budget = withRequestedAnswers(conference, { budget: { visa: 1, airfare: 2 } }, ['budget.visa'])
    expect(budget.budget).toEqual({ ...conference.budget, visa: 1 })
    expect(withRequestedAnswers(conference, {}, ['budget.visa']).budget).toEqual({ registration: 450_000, airfare: 980_050 })
    expect(withRequestedAnswers({ kind: 'exchange' }, { budget: { visa: 1 } }, ['budget.visa'])).toEqual({
      kind: 'exchange',
      budget: { visa: 1 },
    })
    expect(withRequestedAnswers(exchange, {}, ['courses.0']).courses).toEqual([exchange.courses[1]])
  })

  it('does not touch the stored details it starts from', () => {
    const stored = structuredClone(exchange)
    withRequestedAnswers(stored, { courses: [] }, ['courses'])
    expect(stored).toEqual(exchange)
  })
})

describe('at the resubmission', () => {
  it('names every answer changed since the request outside it, removed ones too', () => {
    const { languageScore: _dropped, ...rest } = exchange
    expect(answersOutsideRequest(exchange, { ...rest, gpa: 4, motivation: 'New.' }, ['motivation'])).toEqual(['gpa', 'languageScore'])
    expect(answersOutsideRequest(exchange, { ...rest, motivation: 'New.' }, ['motivation', 'languageTest'])).toEqual([])
  })

  it('names the document kinds added, replaced or deleted outside the request', () => {
    const baseline = [
      { id: 'd1', kind: 'transcript' as const },
      { id: 'd2', kind: 'passport' as const },
      { id: 'd3', kind: 'other' as const },
    ]
    expect(documentsOutsideRequest(baseline, baseline, [])).toEqual([])
    const current = [
      { id: 'd4', kind: 'transcript' as const }, // replaced: asked for
      { id: 'd3', kind: 'other' as const },
      { id: 'd5', kind: 'other' as const }, // added: not asked for
      { id: 'd6', kind: 'study_plan' as const }, // a new kind: not asked for
    ] // the passport deleted: not asked for
    expect(documentsOutsideRequest(baseline, current, ['transcript'])).toEqual(['passport', 'other', 'study_plan'])
  })
})

describe('readChangeRequest', () => {
  it('reads a stored request with who asked and the copy to compare with', () => {
    const stored = {
      fields: ['motivation'],
      documents: ['transcript'],
      by: 'office',
      baseline: { details: { kind: 'exchange' }, documents: [{ id: 'd1', kind: 'transcript' }] },
    }
    expect(readChangeRequest(stored)).toEqual(stored)
  })

  it('opens nothing and goes back to the college when the stored request is missing or malformed', () => {
    expect(readChangeRequest(null)).toEqual({ fields: [], documents: [], by: 'college' })
    expect(readChangeRequest('nonsense')).toEqual({ fields: [], documents: [], by: 'college' })
    expect(readChangeRequest({ fields: ['motivation'] })).toEqual({ fields: ['motivation'], documents: [], by: 'college' })
    expect(readChangeRequest({ fields: 'gpa', documents: ['passport', 'diploma'], by: 'finance', baseline: { details: 3 } })).toEqual({
      fields: [],
      documents: ['passport'],
      by: 'college',
    })
  })
})
