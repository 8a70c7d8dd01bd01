import { parseWithZod } from '@conform-to/zod/v4'
import { describe, expect, it } from 'vitest'
import { answersOutsideRequest, unrequestedAnswers } from '~/domain/requested-changes'
import { isMessageKey } from '~/i18n'
import {
  applicationDraftSchema,
  applicationFields,
  applicationSchema,
  schemaFields,
  toFormValues,
  type ApplicationDraft,
} from './application'

const exchange = {
  kind: 'exchange',
  programId: 'ckprogram1',
  term: 'semester',
  startDate: '2027-03-01',
  endDate: '2027-07-31',
  gpa: 3.62,
  gpaScale: '4.0',
  languageTest: 'ielts',
  languageScore: 7,
  studyPlan: '第一段\n\nSecond paragraph.',
  courses: [{ homeCourse: '数据结构', hostCourse: 'Algorithms and Data Structures', credits: 4 }],
  motivation: '希望提升研究能力。',
  passportNumber: 'E12345678',
  passportExpiry: '2030-01-01',
}
const jointTraining = {
  kind: 'joint_training',
  programId: 'ckprogram2',
  hostInstitution: 'Warsaw University of Technology',
  hostDepartment: 'Faculty of Electronics',
  hostSupervisorName: 'Anna Kowalska',
  hostSupervisorTitle: 'Professor',
  hostSupervisorEmail: 'a.kowalska@pw.edu.pl',
  homeSupervisor: '李教授',
  startDate: '2026-09-01',
  endDate: '2027-08-31',
  researchPlan: 'Plan\nwith lines',
  fundingSource: 'csc',
  languageTest: 'toefl',
  languageScore: 95,
  passportNumber: 'EA1234567',
  passportExpiry: '2031-06-30',
}
const conference = {
  kind: 'conference',
  programId: 'ckprogram3',
  conferenceName: 'International Conference on Machine Learning',
  organiser: 'IMLS',
  city: 'Vienna',
  country: 'Austria',
  startDate: '2027-07-12',
  endDate: '2027-07-18',
  website: 'https://icml.cc/Conferences/2027',
  paperTitle: 'On Things',
  authors: 'ZHANG San, LI Si',
  acceptanceStatus: 'accepted',
  presentationType: 'oral',
  budget: { registration: '5000', airfare: '8000.5', accommodation: '', perDiem: '1,200.00' },
  passportNumber: 'E12345678',
  passportExpiry: '2030-01-01',
}
const valid = { exchange, joint_training: jointTraining, conference } as const
type Kind = keyof typeof valid

const errorsOf = (input: unknown, schema: typeof applicationSchema | typeof applicationDraftSchema = applicationSchema) => {
  const result = schema.safeParse(input)
  if (result.success) return {}
  // Every message must be translatable: "key" or "key|{params}".
  for (const { message } of result.error.issues) expect(isMessageKey(message.split('|')[0]), message).toBe(true)
  return Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]))
}
const withValue = (kind: Kind, field: string, value: unknown) => {
  const [head, ...rest] = field.split('.')
  if (!rest.length) return { ...valid[kind], [head]: value }
  if (head === 'courses') return { ...exchange, courses: [{ ...exchange.courses[0], [rest[1]]: value }] }
  return { ...conference, budget: { ...conference.budget, [rest[0]]: value } }
}
const long = (n: number) => '长'.repeat(n)
// A short test title for long values: [kind, field, value, ...rest] -> [kind, field, title, value, ...rest].
type Row = [Kind, string, unknown, ...unknown[]]
const titled = ([kind, field, value, ...rest]: Row): [Kind, string, string, unknown, ...unknown[]] => {
  const json = JSON.stringify(value) ?? 'undefined'
  return [kind, field, json.length > 40 ? `${json.slice(0, 30)}… (${json.length} chars)` : json, value, ...rest]
}

describe('applicationSchema', () => {
  it.each(Object.keys(valid) as Kind[])('accepts a complete %s application', (kind) => {
    expect(errorsOf(valid[kind])).toEqual({})
  })

  it('normalises what it keeps: upper-case passport, lower-case email, \\n line breaks, fen', () => {
    expect(applicationSchema.parse({ ...exchange, passportNumber: ' e12345678 ', studyPlan: 'a\r\nb\rc' })).toMatchObject({
      passportNumber: 'E12345678',
      studyPlan: 'a\nb\nc',
    })
    expect(applicationSchema.parse({ ...jointTraining, hostSupervisorEmail: 'A.Kowalska@PW.edu.pl' })).toMatchObject({
      hostSupervisorEmail: 'a.kowalska@pw.edu.pl',
    })
    expect(applicationSchema.parse(conference)).toMatchObject({
      budget: { registration: 500000, airfare: 800050, perDiem: 120000 },
    })
  })

  it.each(
    (
      [
        // exchange
        ['exchange', 'programId', ''],
        ['exchange', 'programId', 'x'.repeat(41)],
        ['exchange', 'term', 'trimester'],
        ['exchange', 'startDate', '2027-02-30'],
        ['exchange', 'startDate', '1 March 2027'],
        ['exchange', 'endDate', '2101-01-01'],
        ['exchange', 'gpa', -0.1],
        ['exchange', 'gpa', 100.5],
        ['exchange', 'gpa', 3.625],
        ['exchange', 'gpa', 'abc'],
        ['exchange', 'gpa', undefined],
        ['exchange', 'gpaScale', '10'],
        ['exchange', 'languageTest', 'gre'],
        ['exchange', 'languageScore', -1],
        ['exchange', 'languageScore', 10001],
        ['exchange', 'studyPlan', ''],
        ['exchange', 'studyPlan', long(5001)],
        ['exchange', 'studyPlan', 'tab ok\tbut bell \u0007 not'],
        ['exchange', 'courses', []],
        ['exchange', 'courses', Array.from({ length: 21 }, () => exchange.courses[0])],
        ['exchange', 'courses.0.homeCourse', ''],
        ['exchange', 'courses.0.hostCourse', long(201)],
        ['exchange', 'courses.0.credits', 0],
        ['exchange', 'courses.0.credits', 30.5],
        ['exchange', 'courses.0.credits', 2.25],
        ['exchange', 'motivation', long(3001)],
        ['exchange', 'passportNumber', 'E123'],
        ['exchange', 'passportNumber', 'E 1234567'],
        ['exchange', 'passportNumber', 'E12345678901234567890'],
        ['exchange', 'passportExpiry', '2030-1-1'],
        // joint training
        ['joint_training', 'hostInstitution', ''],
        ['joint_training', 'hostDepartment', long(201)],
        ['joint_training', 'hostSupervisorName', 'Anna\u202eKowalska'],
        ['joint_training', 'hostSupervisorTitle', long(101)],
        ['joint_training', 'hostSupervisorEmail', 'not-an-email'],
        ['joint_training', 'homeSupervisor', ''],
        ['joint_training', 'researchPlan', long(5001)],
        ['joint_training', 'fundingSource', 'lottery'],
        ['joint_training', 'startDate', ''],
        ['joint_training', 'endDate', '31/08/2027'],
        ['joint_training', 'languageTest', ''],
        ['joint_training', 'passportNumber', ''],
        ['joint_training', 'passportExpiry', undefined],
        // conference
        ['conference', 'conferenceName', ''],
        ['conference', 'organiser', long(201)],
        ['conference', 'city', 'Vi\nenna'],
        ['conference', 'country', long(101)],
        ['conference', 'startDate', '2027-13-01'],
        ['conference', 'endDate', ''],
        ['conference', 'website', 'icml.cc'],
        ['conference', 'website', 'ftp://icml.cc'],
        ['conference', 'website', 'javascript:alert(1)'],
        ['conference', 'website', `https://icml.cc/${'a'.repeat(500)}`],
        ['conference', 'paperTitle', long(301)],
        ['conference', 'authors', ''],
        ['conference', 'acceptanceStatus', 'rejected'],
        ['conference', 'presentationType', 'keynote'],
        ['conference', 'budget.registration', '-100'],
        ['conference', 'budget.airfare', '12.345'],
        ['conference', 'budget.accommodation', 'about 3000'],
        ['conference', 'budget.perDiem', '2000000'],
        ['conference', 'budget.visa', '1e3'],
        ['conference', 'budget.other', '¥100'],
        ['conference', 'passportExpiry', '2030-02-29'],
      ] as Row[]
    ).map(titled),
  )('%s: refuses %s = %s', (kind, field, _, value) => {
    const errors = errorsOf(withValue(kind, field, value))
    const key = Object.keys(errors).find((k) => k === field || (field === 'courses' && k === 'courses'))
    expect(key, JSON.stringify(errors)).toBeDefined()
  })

  it.each(
    (
      [
        ['exchange', 'gpa', 'abc', 'application.error.number'],
        ['exchange', 'gpa', undefined, 'form.required'],
        ['exchange', 'gpa', 3.625, 'application.error.decimals|{"decimals":2}'],
        ['exchange', 'gpa', 100.5, 'application.error.numberMax|{"max":100}'],
        ['exchange', 'startDate', '2027-02-30', 'application.error.date'],
        ['exchange', 'courses', [], 'application.error.coursesMin'],
        ['exchange', 'courses', Array.from({ length: 21 }, () => exchange.courses[0]), 'application.error.coursesMax|{"max":20}'],
        ['exchange', 'courses.0.credits', 0, 'application.error.numberMin|{"min":0.5}'],
        ['exchange', 'studyPlan', long(5001), 'form.tooLong|{"max":5000}'],
        ['exchange', 'studyPlan', 'bell \u0007', 'form.controlChars'],
        ['exchange', 'passportNumber', 'E123', 'application.error.passportNumber'],
        ['joint_training', 'fundingSource', 'lottery', 'form.invalidChoice'],
        ['conference', 'website', 'ftp://icml.cc', 'application.error.url'],
        ['conference', 'budget.registration', '-100', 'application.error.amount.negative|{"max":1000000}'],
        ['conference', 'budget.airfare', '12.345', 'application.error.amount.precision|{"max":1000000}'],
        ['conference', 'budget.accommodation', 'about 3000', 'application.error.amount.format|{"max":1000000}'],
        ['conference', 'budget.perDiem', '2000000', 'application.error.amount.tooLarge|{"max":1000000}'],
      ] as Row[]
    ).map(titled),
  )('%s: says why %s = %s is refused', (kind, field, _, value, message) => {
    expect(errorsOf(withValue(kind, field, value))[field]).toBe(message)
  })

  it.each(
    (
      [
        ['exchange', 'term', 'academic_year'],
        ['exchange', 'term', 'summer_winter_school'],
        ['exchange', 'gpa', 0],
        ['exchange', 'gpa', 88.5, { gpaScale: '100' }],
        ['exchange', 'gpaScale', '100'],
        ['exchange', 'gpaScale', '4.3'],
        ['exchange', 'gpaScale', '5.0'],
        ['exchange', 'languageTest', 'none'],
        ['exchange', 'languageScore', undefined, { languageTest: 'none' }],
        ['exchange', 'languageScore', 650, { languageTest: 'other' }],
        ['exchange', 'courses', Array.from({ length: 20 }, () => exchange.courses[0])],
        ['exchange', 'courses.0.credits', 0.5],
        ['exchange', 'courses.0.credits', 30],
        ['exchange', 'studyPlan', long(5000)],
        ['exchange', 'passportNumber', 'g12345'],
        ['joint_training', 'fundingSource', 'university'],
        ['joint_training', 'fundingSource', 'host'],
        ['joint_training', 'fundingSource', 'self'],
        ['joint_training', 'languageTest', 'duolingo'],
        ['joint_training', 'hostSupervisorName', "Zoë O'Brien-Łukasiewicz"],
        ['conference', 'website', 'http://www.example.org'],
        ['conference', 'acceptanceStatus', 'under_review'],
        ['conference', 'presentationType', 'poster'],
        ['conference', 'budget.visa', '0.01'],
        ['conference', 'budget.other', '１２３．５'],
        ['conference', 'budget.registration', undefined],
      ] as Row[]
    ).map(titled),
  )('%s: accepts %s = %s', (kind, field, _, value, also) => {
    expect(errorsOf({ ...withValue(kind, field, value), ...(also as object | undefined) })).toEqual({})
  })

  describe('checks across fields', () => {
    it('refuses an end before the start, on the end date', () => {
      for (const kind of Object.keys(valid) as Kind[]) {
        expect(errorsOf({ ...valid[kind], startDate: '2027-03-01', endDate: '2027-02-28' })).toEqual({ endDate: 'warning.endBeforeStart' })
      }
      expect(errorsOf({ ...conference, startDate: '2027-07-12', endDate: '2027-07-12' })).toEqual({})
    })

    it('needs a score on the scale of a scored test, but none for "other" or "none"', () => {
      expect(errorsOf({ ...exchange, languageScore: undefined })).toEqual({ languageScore: 'form.required' })
      expect(errorsOf({ ...exchange, languageScore: 6.3 })).toEqual({
        languageScore: 'application.error.languageScore|{"test":"IELTS","min":0,"max":9,"step":0.5}',
      })
      expect(errorsOf({ ...jointTraining, languageTest: 'duolingo', languageScore: 103 })).toEqual({
        languageScore: 'application.error.languageScore|{"test":"Duolingo","min":10,"max":160,"step":5}',
      })
      expect(errorsOf({ ...exchange, languageTest: 'cet6', languageScore: 711 })).toHaveProperty('languageScore')
      expect(errorsOf({ ...exchange, languageTest: 'other', languageScore: 650 })).toEqual({})
      expect(errorsOf({ ...exchange, languageTest: 'other', languageScore: undefined })).toEqual({})
    })

    it('refuses a GPA above its scale', () => {
      expect(errorsOf({ ...exchange, gpa: 4.3 })).toEqual({ gpa: 'application.error.gpaAboveScale|{"max":4}' })
      expect(errorsOf({ ...exchange, gpa: 4.3, gpaScale: '4.3' })).toEqual({})
      expect(errorsOf({ ...exchange, gpa: 4, gpaScale: '4.0' })).toEqual({})
    })

    it('keeps joint training between exactly 6 and exactly 24 months', () => {
      expect(errorsOf({ ...jointTraining, startDate: '2026-09-01', endDate: '2027-02-28' })).toEqual({})
      expect(errorsOf({ ...jointTraining, startDate: '2026-09-01', endDate: '2027-02-27' })).toEqual({
        endDate: 'warning.jointTrainingTooShort|{"months":6,"earliestEnd":"2027-02-28"}',
      })
      expect(errorsOf({ ...jointTraining, startDate: '2026-09-01', endDate: '2028-08-31' })).toEqual({})
      expect(errorsOf({ ...jointTraining, startDate: '2026-09-01', endDate: '2028-09-01' })).toEqual({
        endDate: 'warning.jointTrainingTooLong|{"months":24,"latestEnd":"2028-08-31"}',
      })
    })

    it('asks for at least one budget amount', () => {
      expect(errorsOf({ ...conference, budget: {} })).toEqual({ budget: 'application.error.budgetEmpty' })
      expect(errorsOf({ ...conference, budget: { visa: '0', other: '0.00' } })).toEqual({ budget: 'application.error.budgetEmpty' })
    })

    it('reports them alongside errors in other fields', () => {
      expect(errorsOf({ ...exchange, motivation: '', startDate: '2027-03-01', endDate: '2027-01-01' })).toEqual({
        motivation: 'form.required',
        endDate: 'warning.endBeforeStart',
      })
    })

    it('stays quiet about fields that failed their own checks', () => {
      expect(errorsOf({ ...jointTraining, endDate: 'soon', languageScore: -3 })).toEqual({
        endDate: 'application.error.date',
        languageScore: 'application.error.numberMin|{"min":0}',
      })
    })
  })

  it('names every missing field of each kind', () => {
    for (const kind of Object.keys(valid) as Kind[]) {
      const errors = errorsOf({ kind })
      // The language score and budget lines are optional on their own; the checks across fields
      // ask for them (once the test is chosen, or as a budget total).
      const expected = applicationFields[kind].filter((f) => f !== 'languageScore' && f !== 'programAnswers')
      expect(Object.keys(errors).sort(), kind).toEqual([...expected].sort())
    }
  })

  it('refuses an unknown or missing kind', () => {
    expect(errorsOf({ ...exchange, kind: 'internship' })).toEqual({ kind: 'form.invalidChoice' })
    expect(errorsOf({})).toEqual({ kind: 'form.invalidChoice' })
  })
})

describe('applicationDraftSchema', () => {
  it('accepts a draft with nothing but its kind', () => {
    for (const kind of Object.keys(valid) as Kind[]) expect(errorsOf({ kind }, applicationDraftSchema)).toEqual({})
  })

  it('accepts complete applications too', () => {
    for (const kind of Object.keys(valid) as Kind[]) expect(errorsOf(valid[kind], applicationDraftSchema)).toEqual({})
  })

  it('still checks the type and bounds of every value that is there', () => {
    expect(
      errorsOf(
        { kind: 'exchange', gpa: 'high', term: 'forever', studyPlan: long(5001), startDate: '2027-02-30', courses: Array(21).fill({}) },
        applicationDraftSchema,
      ),
    ).toEqual({
      gpa: 'application.error.number',
      term: 'form.invalidChoice',
      studyPlan: 'form.tooLong|{"max":5000}',
      startDate: 'application.error.date',
      courses: 'application.error.coursesMax|{"max":20}',
    })
    expect(errorsOf({ kind: 'joint_training', hostSupervisorEmail: 'nope', fundingSource: 'x' }, applicationDraftSchema)).toEqual({
      hostSupervisorEmail: 'form.invalidEmail',
      fundingSource: 'form.invalidChoice',
    })
    expect(errorsOf({ kind: 'conference', website: 'ftp://x.org', budget: { airfare: '1.234' } }, applicationDraftSchema)).toEqual({
      website: 'application.error.url',
      'budget.airfare': 'application.error.amount.precision|{"max":1000000}',
    })
  })

  it('leaves the checks across fields to the warnings', () => {
    expect(
      errorsOf(
        { kind: 'joint_training', startDate: '2027-03-01', endDate: '2027-01-01', languageTest: 'ielts', languageScore: 6.3 },
        applicationDraftSchema,
      ),
    ).toEqual({})
    expect(errorsOf({ kind: 'conference', budget: {} }, applicationDraftSchema)).toEqual({})
  })

  it('keeps half-filled course rows', () => {
    expect(applicationDraftSchema.parse({ kind: 'exchange', courses: [{ homeCourse: '线性代数' }] })).toEqual({
      kind: 'exchange',
      courses: [{ homeCourse: '线性代数' }],
    })
  })

  it('needs a known kind', () => {
    expect(errorsOf({ gpa: 3 }, applicationDraftSchema)).toEqual({ kind: 'form.invalidChoice' })
  })
})

describe('with conform', () => {
  const formData = (entries: Record<string, string>) => {
    const data = new FormData()
    for (const [name, value] of Object.entries(entries)) data.append(name, value)
    return data
  }
  const exchangeForm = {
    kind: 'exchange',
    programId: 'ckprogram1',
    term: 'semester',
    startDate: '2027-03-01',
    endDate: '2027-07-31',
    gpa: '3.62',
    gpaScale: '4.0',
    languageTest: 'ielts',
    languageScore: '7',
    studyPlan: 'line one\r\nline two',
    'courses[0].homeCourse': '数据结构',
    'courses[0].hostCourse': 'Algorithms',
    'courses[0].credits': '4',
    'courses[1].homeCourse': '操作系统',
    'courses[1].hostCourse': 'Operating Systems',
    'courses[1].credits': '3.5',
    motivation: '希望提升研究能力。',
    passportNumber: 'e12345678',
    passportExpiry: '2030-01-01',
  }

  it("parses answers to the programs' own questions by program and slot, and refuses any other shape", () => {
    const answered = parseWithZod(
      formData({ ...exchangeForm, 'programAnswers.ckdublin1.q1': ' Books.\r\nAnd rain. ', 'programAnswers.ckdublin1.q2': '' }),
      { schema: applicationDraftSchema },
    )
    expect(answered.status === 'success' && answered.value.programAnswers).toEqual({ ckdublin1: { q1: 'Books.\nAnd rain.' } })
    for (const [name, value, path] of [
      ['programAnswers.ckdublin1.q6', 'x', 'programAnswers.ckdublin1'],
      ['programAnswers.ck-dublin.q1', 'x', 'programAnswers.ck-dublin'],
      ['programAnswers.ckdublin1.q1', '长'.repeat(2001), 'programAnswers.ckdublin1.q1'],
      ['programAnswers.ckdublin1.q1', 'a\u0000b', 'programAnswers.ckdublin1.q1'],
    ] as const) {
      const refused = parseWithZod(formData({ ...exchangeForm, [name]: value }), { schema: applicationDraftSchema })
      expect(Object.keys(refused.status === 'error' ? (refused.error ?? {}) : {}), name).toEqual([path])
    }
    const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`programAnswers.ckprogram${i}.q1`, 'x']))
    const many = parseWithZod(formData({ ...exchangeForm, ...eleven }), { schema: applicationDraftSchema })
    expect(Object.keys(many.status === 'error' ? (many.error ?? {}) : {})).toEqual(['programAnswers'])
  })

  it('parses nested course rows and numbers from form data', () => {
    const submission = parseWithZod(formData(exchangeForm), { schema: applicationSchema })
    expect(submission.status).toBe('success')
    expect(submission.status === 'success' && submission.value).toMatchObject({
      kind: 'exchange',
      gpa: 3.62,
      languageScore: 7,
      studyPlan: 'line one\nline two',
      passportNumber: 'E12345678',
      courses: [
        { homeCourse: '数据结构', hostCourse: 'Algorithms', credits: 4 },
        { homeCourse: '操作系统', hostCourse: 'Operating Systems', credits: 3.5 },
      ],
    })
  })

  it('reports errors by conform field name, empty inputs as required', () => {
    const submission = parseWithZod(
      formData({ ...exchangeForm, gpa: '', 'courses[1].credits': 'three', languageScore: '6.3', endDate: '2027-02-01' }),
      { schema: applicationSchema },
    )
    expect(submission.reply().error).toEqual({
      gpa: ['form.required'],
      'courses[1].credits': ['application.error.number'],
      endDate: ['warning.endBeforeStart'],
      languageScore: ['application.error.languageScore|{"test":"IELTS","min":0,"max":9,"step":0.5}'],
    })
  })

  it('asks for at least one course when the form has no rows', () => {
    const { 'courses[0].homeCourse': a, 'courses[0].hostCourse': b, 'courses[0].credits': c, ...rest } = exchangeForm
    const { 'courses[1].homeCourse': d, 'courses[1].hostCourse': e, 'courses[1].credits': f, ...noCourses } = rest
    expect(parseWithZod(formData(noCourses), { schema: applicationSchema }).reply().error).toEqual({
      courses: ['application.error.coursesMin'],
    })
  })

  it('turns conference budget lines typed in yuan into fen', () => {
    const submission = parseWithZod(
      formData({
        kind: 'conference',
        programId: 'p',
        conferenceName: 'ICML',
        organiser: 'IMLS',
        city: 'Vienna',
        country: 'Austria',
        startDate: '2027-07-12',
        endDate: '2027-07-18',
        website: 'https://icml.cc',
        paperTitle: 'T',
        authors: 'A, B',
        acceptanceStatus: 'under_review',
        presentationType: 'poster',
        'budget.registration': '5000',
        'budget.airfare': '8000.5',
        'budget.accommodation': '',
        'budget.perDiem': '0.29',
        'budget.visa': '',
        'budget.other': '',
        passportNumber: 'E12345678',
        passportExpiry: '2030-01-01',
      }),
      { schema: applicationSchema },
    )
    expect(submission.status === 'success' && submission.value).toMatchObject({
      budget: { registration: 500000, airfare: 800050, perDiem: 29 },
    })
  })

  it('saves a draft from a half-filled form', () => {
    const submission = parseWithZod(formData({ kind: 'joint_training', hostInstitution: 'PW', startDate: '', languageScore: '' }), {
      schema: applicationDraftSchema,
    })
    expect(submission.status === 'success' && submission.value).toEqual({ kind: 'joint_training', hostInstitution: 'PW' })
  })
})

describe('toFormValues', () => {
  it('writes budget fen back as yuan text and leaves other answers alone', () => {
    const draft = applicationDraftSchema.parse({ kind: 'conference', city: 'Vienna', budget: { airfare: '8000.5' } }) as ApplicationDraft
    expect(toFormValues(draft)).toEqual({
      kind: 'conference',
      city: 'Vienna',
      budget: { registration: '', airfare: '8000.50', accommodation: '', perDiem: '', visa: '', other: '' },
    })
    expect(toFormValues({ kind: 'exchange', gpa: 3.5 })).toEqual({ kind: 'exchange', gpa: 3.5 })
  })
  it('lets stored details be checked again on submit', () => {
    for (const kind of Object.keys(valid) as Kind[]) {
      const stored = JSON.parse(JSON.stringify(applicationDraftSchema.parse(valid[kind])))
      expect(applicationSchema.parse(toFormValues(stored))).toEqual(applicationSchema.parse(valid[kind]))
      // Stored budget lines are fen: parsing stored details directly changes nothing either.
      expect(applicationSchema.parse(stored)).toEqual(applicationSchema.parse(valid[kind]))
    }
    expect(errorsOf({ ...conference, budget: { airfare: 12.5 } })).toEqual({ 'budget.airfare': 'application.error.amount.format' })
    expect(errorsOf({ ...conference, budget: { airfare: -5 } })).toEqual({
      'budget.airfare': 'application.error.amount.negative|{"max":1000000}',
    })
  })
})

describe('a form sent back unchanged', () => {
  /** The inputs of the form as a browser sends them (conform's names; text, CRLF line endings). */
  const posted = (values: Record<string, unknown>) => {
    const data = new FormData()
    const put = (name: string, value: unknown) => {
      if (Array.isArray(value)) value.forEach((v, i) => put(`${name}[${i}]`, v))
      else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) put(`${name}.${k}`, v)
      else data.append(name, String(value ?? '').replace(/\n/g, '\r\n'))
    }
    for (const [name, value] of Object.entries(values)) put(name, value)
    return data
  }

  // While changes are requested the read-only answers are sent back as shown: they must parse to
  // the stored details exactly, or the save would be refused as changing what was not asked for.
  it.each(Object.keys(valid) as Kind[])('%s: parses to the stored details, nothing outside a request changed', (kind) => {
    const stored = JSON.parse(JSON.stringify(applicationSchema.parse(valid[kind])))
    const submission = parseWithZod(posted(toFormValues(stored)), { schema: applicationDraftSchema })
    expect(submission.status).toBe('success')
    const draft = submission.status === 'success' ? submission.value : null
    expect(unrequestedAnswers(stored, draft, [])).toEqual([])
    expect(answersOutsideRequest(stored, draft, [])).toEqual([])
  })
})

describe('applicationFields', () => {
  it("lists each kind's fields in form order: the program first, its own questions last", () => {
    for (const kind of Object.keys(applicationFields) as Kind[]) {
      expect(applicationFields[kind][0]).toBe('programId')
      expect(applicationFields[kind].at(-1)).toBe('programAnswers')
    }
    expect(applicationFields.conference).toContain('budget')
    expect(applicationFields.joint_training).toContain('fundingSource')
  })

  it('names the fields of the schemas, in their order', () => {
    for (const kind of Object.keys(applicationFields) as Kind[]) expect(Object.keys(schemaFields(kind))).toEqual(applicationFields[kind])
  })
})
