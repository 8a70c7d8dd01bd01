import { describe, expect, test } from 'vitest'
import { staffAuditEntry, studentReads, studentTimelineOf, type AuditRow } from './audit-view'
import { commands } from './workflow'

const at = new Date('2027-03-01T08:00:00Z')
const row = (action: string, data: Partial<AuditRow> = {}): AuditRow => ({
  id: 1n,
  at,
  action,
  entityType: action.split('.')[0],
  before: null,
  after: null,
  reason: null,
  ...data,
})

describe("the student's allow-list", () => {
  test('decides every workflow command', () => {
    for (const command of commands) expect(studentReads).toHaveProperty([`application.${command}`])
  })

  test('shows the reasons meant for the student, and the status each step led to', () => {
    for (const action of ['college_reject', 'office_reject', 'college_request_changes', 'office_request_changes', 'withdraw', 'cancel']) {
      const [entry] = studentTimelineOf([row(`application.${action}`, { after: { status: 'rejected' }, reason: 'FOR-THE-STUDENT' })], [])
      expect(entry).toMatchObject({ kind: 'event', action: `application.${action}`, status: 'rejected', text: 'FOR-THE-STUDENT' })
    }
  })

  test("keeps finance's notes: the step shows, its reason does not", () => {
    for (const action of ['application.finance_confirm', 'application.finance_return']) {
      const timeline = studentTimelineOf([row(action, { after: { status: 'approved' }, reason: 'FINANCE-INTERNAL' })], [])
      expect(timeline).toEqual([{ id: 'e1', at, kind: 'event', action, status: 'approved', text: null }])
    }
  })

  test('never shows reviews, conflicts, comments meant for staff, awards, documents or reminders', () => {
    const rows = [
      row('review.submit', { after: { scores: { language: 5 }, average: 5, comment: 'REVIEW' } }),
      row('review.conflict', { after: { conflict: true }, reason: 'CONFLICT' }),
      row('comment.add', { after: { visibility: 'internal', body: 'INTERNAL' } }),
      row('award.commit', { entityType: 'award', reason: 'NOTE' }),
      row('award.release', { entityType: 'award', reason: 'RETURN' }),
      row('document.upload', { entityType: 'Document' }),
      row('reminder.draftDeadline', { entityType: 'reminder' }),
      // An application step no one has decided about is left out too.
      row('application.something_new', { reason: 'UNKNOWN' }),
      // An allowed action on another entity is not that step.
      row('application.withdraw', { entityType: 'review', reason: 'ODD' }),
    ]
    expect(studentTimelineOf(rows, [])).toEqual([])
  })

  test('comments: those addressed to the student only, in time order with the steps', () => {
    const later = new Date(at.getTime() + 1000)
    const timeline = studentTimelineOf(
      [row('application.submit', { after: { status: 'submitted' } })],
      [
        { id: 'a', createdAt: later, visibility: 'internal', body: 'INTERNAL' },
        { id: 'b', createdAt: later, visibility: 'student', body: 'Please add the transcript.' },
      ],
    )
    expect(timeline.map((e) => [e.kind, e.status, e.text])).toEqual([
      ['event', 'submitted', null],
      ['comment', null, 'Please add the transcript.'],
    ])
  })
})

describe('the staff trail', () => {
  test('a summary without scores, review comments or raw before/after', () => {
    const entry = staffAuditEntry(
      row('review.submit', {
        entityType: 'review',
        before: { scores: { language: 3 }, comment: 'OLD' },
        after: { stage: 'college', scores: { language: 5 }, average: 5, comment: 'NEW' },
        actor: { nameZh: '甲', nameEn: 'A' },
      }),
    )
    expect(entry).toEqual({ id: '1', at, action: 'review.submit', actor: { nameZh: '甲', nameEn: 'A' }, change: null, text: null })
  })

  test("an application's status change with its reason; an award's status change as an award's", () => {
    expect(
      staffAuditEntry(
        row('application.finance_return', { before: { status: 'funding_check' }, after: { status: 'college_endorsed' }, reason: 'R' }),
      ),
    ).toMatchObject({
      change: { of: 'application', from: 'funding_check', to: 'college_endorsed' },
      text: 'R',
    })
    expect(
      staffAuditEntry(row('award.commit', { entityType: 'award', before: { status: 'proposed' }, after: { status: 'committed' } })),
    ).toMatchObject({
      change: { of: 'award', from: 'proposed', to: 'committed' },
    })
    expect(staffAuditEntry(row('award.split', { entityType: 'award', after: { status: 'committed' } })).change).toEqual({
      of: 'award',
      from: null,
      to: 'committed',
    })
    // A status of the other kind is not taken for one: no change rather than a wrong name.
    expect(
      staffAuditEntry(row('award.commit', { entityType: 'award', before: { status: 'approved' }, after: { status: 'submitted' } })).change,
    ).toBeNull()
    expect(staffAuditEntry(row('application.submit', { before: { status: 'proposed' }, after: { status: 'paid' } })).change).toBeNull()
    expect(staffAuditEntry(row('award.propose', { entityType: 'award', after: { requestedFen: 100 } })).change).toBeNull()
  })
})
