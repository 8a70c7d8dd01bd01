import { describe, expect, it } from 'vitest'
import { allowsSeveralFiles, checklist, checklistOfChoices, documentKinds, isDocumentKind, missingDocuments, tickOff } from './documents'

describe('checklist', () => {
  it('lists the documents of each kind, in order', () => {
    expect(checklist('exchange')).toEqual([
      { kind: 'transcript', required: true },
      { kind: 'language_certificate', required: true },
      { kind: 'passport', required: true },
      { kind: 'study_plan', required: true },
      { kind: 'admission_letter', required: false },
    ])
    expect(checklist('joint_training').map((i) => i.kind)).toEqual([
      'invitation_letter',
      'host_supervisor_agreement',
      'research_plan',
      'recommendation',
      'language_certificate',
      'passport',
    ])
    expect(checklist('joint_training').every((i) => i.required)).toBe(true)
    expect(checklist('conference').map((i) => i.kind)).toEqual([
      'acceptance_letter',
      'conference_programme',
      'paper',
      'budget_quote',
      'supervisor_approval',
    ])
    expect(checklist('conference').every((i) => i.required)).toBe(true)
  })
  it('lets a program replace the list, every document on it required', () => {
    expect(checklist('exchange', ['passport', 'admission_letter', 'passport'])).toEqual([
      { kind: 'passport', required: true },
      { kind: 'admission_letter', required: true },
    ])
    expect(checklist('exchange', [])).toEqual(checklist('exchange'))
    expect(checklist('exchange', null)).toEqual(checklist('exchange'))
  })
  it('asks a round application for what every ranked choice asks, first choice first', () => {
    expect(checklistOfChoices('exchange', [['passport', 'transcript'], null, ['admission_letter', 'passport']])).toEqual([
      { kind: 'passport', required: true },
      { kind: 'transcript', required: true },
      { kind: 'language_certificate', required: true },
      { kind: 'study_plan', required: true },
      // Optional in the second choice's (default) list, required by the third's own list.
      { kind: 'admission_letter', required: true },
    ])
    expect(checklistOfChoices('exchange', [null, null])).toEqual(checklist('exchange'))
    expect(checklistOfChoices('exchange', [])).toEqual(checklist('exchange'))
    expect(checklistOfChoices('exchange', [['passport']])).toEqual(checklist('exchange', ['passport']))
  })
  it('does not require an acceptance letter for a paper still under review', () => {
    expect(checklist('conference', undefined, { acceptanceStatus: 'under_review' })[0]).toEqual({
      kind: 'acceptance_letter',
      required: false,
    })
    expect(checklist('conference', undefined, { acceptanceStatus: 'accepted' })[0]).toEqual({ kind: 'acceptance_letter', required: true })
  })
  it('hands out copies: callers cannot change the defaults', () => {
    checklist('exchange')[0].required = false
    expect(checklist('exchange')[0].required).toBe(true)
  })
})

describe('missingDocuments and tickOff', () => {
  const items = checklist('exchange')
  it('names the required documents not uploaded yet', () => {
    expect(missingDocuments(items, [])).toEqual(['transcript', 'language_certificate', 'passport', 'study_plan'])
    expect(missingDocuments(items, ['passport', 'other', 'transcript'])).toEqual(['language_certificate', 'study_plan'])
    expect(missingDocuments(items, ['transcript', 'language_certificate', 'passport', 'study_plan'])).toEqual([])
  })
  it('ticks off what is there, optional documents too', () => {
    expect(tickOff(items, new Set(['admission_letter'] as const)).find((i) => i.kind === 'admission_letter')).toEqual({
      kind: 'admission_letter',
      required: false,
      uploaded: true,
    })
  })
})

describe('files per kind', () => {
  it('keeps several receipts and other files, one current file of every other kind', () => {
    expect(documentKinds.filter(allowsSeveralFiles)).toEqual(['receipt', 'other'])
  })
  it('recognises document kinds', () => {
    expect(isDocumentKind('paper')).toBe(true)
    expect(isDocumentKind('../etc/passwd')).toBe(false)
  })
})
