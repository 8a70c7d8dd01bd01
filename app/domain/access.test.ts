import { describe, expect, it } from 'vitest'
import {
  approvesAgreement,
  editsAgreement,
  readsAgreement,
  canRead,
  canReadDocuments,
  canReview,
  commandsOn,
  countReach,
  mayExportSensitive,
  mayReveal,
  reviewStage,
  rolesOn,
  seesPeerScores,
  seesSensitiveInFull,
  staffReach,
  steppedAside,
  wasSubmitted,
  type Actor,
  type ApplicationFacts,
} from './access'

const X = 'college-x'
const Y = 'college-y'
const actor = (id: string, roles: Actor['roles'], collegeId: string | null = null): Actor => ({ id, roles, collegeId })
const people = {
  owner: actor('owner', ['student'], X),
  otherStudent: actor('other', ['student'], X),
  collegeX: actor('cx', ['college_reviewer'], X),
  collegeY: actor('cy', ['college_reviewer'], Y),
  unassigned: actor('cu', ['college_reviewer']),
  office: actor('office', ['office_reviewer']),
  finance: actor('finance', ['finance']),
  admin: actor('admin', ['admin']),
}
const app = (facts: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
  id: 'app',
  applicantId: 'owner',
  collegeId: X,
  status: 'submitted',
  submittedAt: new Date(),
  conflictedReviewerIds: [],
  ...facts,
})

describe('reading', () => {
  it('gives the applicant their own in every status, staff the submitted ones of their reach', () => {
    const cases: [string, ApplicationFacts, (keyof typeof people)[]][] = [
      ['draft', app({ status: 'draft', submittedAt: null }), ['owner']],
      ['submitted', app(), ['owner', 'collegeX', 'office', 'finance', 'admin']],
      ['other college', app({ collegeId: Y }), ['owner', 'collegeY', 'office', 'finance', 'admin']],
      ['conflict', app({ conflictedReviewerIds: ['cx', 'office'] }), ['owner', 'finance', 'admin']],
      ['withdrawn after submitting', app({ status: 'withdrawn' }), ['owner', 'collegeX', 'office', 'finance', 'admin']],
      ['withdrawn as a draft', app({ status: 'withdrawn', submittedAt: null }), ['owner']],
      ['approved', app({ status: 'approved' }), ['owner', 'collegeX', 'office', 'finance', 'admin']],
    ]
    for (const [name, facts, readers] of cases) {
      const who = Object.entries(people)
        .filter(([, a]) => canRead(a, facts))
        .map(([k]) => k)
      expect(who, name).toEqual(readers)
      for (const a of Object.values(people)) {
        expect(canReadDocuments(a, facts), `${name} ${a.id}`).toBe(canRead(a, facts))
        // Staff read only on the staff side, the applicant only on their own.
        expect(canReview(a, facts), `${name} ${a.id}`).toBe(canRead(a, facts) && a.id !== 'owner')
      }
    }
  })

  it('keeps staff out of their own application, whatever their role', () => {
    const reviewerStudent = actor('rs', ['student', 'college_reviewer', 'office_reviewer'], X)
    const own = app({ applicantId: 'rs' })
    expect(canRead(reviewerStudent, own)).toBe(true)
    expect(canReview(reviewerStudent, own)).toBe(false)
    expect(rolesOn(reviewerStudent, own)).toEqual(['student'])
    expect(commandsOn(reviewerStudent, own)).toEqual(['withdraw'])
  })

  it('tells a reviewer kept out by their conflict from one out of reach', () => {
    const facts = app({ conflictedReviewerIds: ['cx', 'cy'] })
    expect(steppedAside(people.collegeX, facts)).toBe(true)
    expect(steppedAside(people.collegeY, facts)).toBe(false)
    expect(steppedAside(people.office, facts)).toBe(false)
  })

  it('was submitted: not a draft, nor a draft withdrawn unsubmitted', () => {
    expect(wasSubmitted({ status: 'draft', submittedAt: null })).toBe(false)
    expect(wasSubmitted({ status: 'withdrawn', submittedAt: null })).toBe(false)
    expect(wasSubmitted({ status: 'withdrawn', submittedAt: new Date() })).toBe(true)
    expect(wasSubmitted({ status: 'cancelled', submittedAt: null })).toBe(true)
  })
})

describe('reach and counting', () => {
  it('reaches every college for the office, finance and admins, one for a college reviewer with a college', () => {
    expect(staffReach(people.office)).toEqual({ college: null })
    expect(staffReach(people.finance)).toEqual({ college: null })
    expect(staffReach(people.admin)).toEqual({ college: null })
    expect(staffReach(people.collegeX)).toEqual({ college: X })
    expect(staffReach(people.unassigned)).toBeNull()
    expect(staffReach(people.owner)).toBeNull()
    expect(countReach(people.collegeY)).toEqual({ college: Y })
  })
})

describe('commands', () => {
  it('follow the workflow table with the roles held on the application', () => {
    expect(commandsOn(people.owner, app({ status: 'draft', submittedAt: null }))).toEqual(['submit', 'withdraw'])
    expect(commandsOn(people.otherStudent, app({ status: 'draft', submittedAt: null }))).toEqual([])
    expect(commandsOn(people.collegeX, app())).toEqual(['college_endorse', 'college_reject', 'college_request_changes'])
    expect(commandsOn(people.collegeY, app())).toEqual([])
    expect(commandsOn(people.office, app({ status: 'college_endorsed' }))).toEqual([
      'office_approve',
      'office_waitlist',
      'office_reject',
      'office_request_changes',
      'cancel',
    ])
    expect(commandsOn(people.office, app({ status: 'college_endorsed', conflictedReviewerIds: ['office'] }))).toEqual([])
    expect(commandsOn(people.finance, app({ status: 'funding_check' }))).toEqual(['finance_confirm', 'finance_return'])
    expect(commandsOn(people.admin, app({ status: 'approved' }))).toEqual(['cancel', 'complete'])
  })

  it('a reviewer with both roles acts as college reviewer for their own college only', () => {
    const both = actor('both', ['college_reviewer', 'office_reviewer'], X)
    expect(rolesOn(both, app())).toEqual(['college_reviewer', 'office_reviewer'])
    expect(rolesOn(both, app({ collegeId: Y }))).toEqual(['office_reviewer'])
    expect(reviewStage(both, app())).toBe('college')
    expect(reviewStage(both, app({ status: 'college_endorsed' }))).toBe('office')
    expect(reviewStage(both, app({ collegeId: Y }))).toBe('office')
    expect(reviewStage(people.finance, app())).toBeNull()
  })

  it("keeps the other reviewers' scores from a reviewer until their own review is in; the office ranks a round by them", () => {
    const endorsed = app({ status: 'college_endorsed' })
    expect(seesPeerScores(people.collegeX, endorsed, false)).toBe(false)
    expect(seesPeerScores(people.collegeX, endorsed, true)).toBe(true)
    expect(seesPeerScores(people.collegeX, { ...endorsed, inRound: true }, false)).toBe(false)
    expect(seesPeerScores(people.office, endorsed, false)).toBe(false)
    expect(seesPeerScores(people.office, endorsed, true)).toBe(true)
    expect(seesPeerScores(people.office, { ...endorsed, inRound: true }, false)).toBe(true)
    expect(seesPeerScores(people.finance, endorsed, false)).toBe(true)
    expect(seesPeerScores(people.admin, endorsed, false)).toBe(true)
  })
})

describe('sensitive answers (PIPL)', () => {
  const facts = (over: Partial<ApplicationFacts> = {}): ApplicationFacts => ({
    id: 'a1',
    applicantId: 'student',
    collegeId: 'cx',
    status: 'submitted',
    submittedAt: new Date(),
    conflictedReviewerIds: [],
    ...over,
  })
  it('shows them in full to the applicant and the office only; others who read it may reveal, nobody else', () => {
    const college = actor('c', ['college_reviewer'], 'cx')
    const office = actor('o', ['office_reviewer'])
    const finance = actor('f', ['finance'])
    const admin = actor('a', ['admin'])
    expect(seesSensitiveInFull(actor('student', ['student']), facts())).toBe(true)
    expect(seesSensitiveInFull(office, facts())).toBe(true)
    for (const staff of [college, finance, admin]) {
      expect(seesSensitiveInFull(staff, facts())).toBe(false)
      expect(mayReveal(staff, facts())).toBe(true)
    }
    // Another college's reviewer, a conflicted office reviewer, a draft: no reveal, no full view.
    expect(mayReveal(actor('c2', ['college_reviewer'], 'cy'), facts())).toBe(false)
    expect(seesSensitiveInFull(office, facts({ conflictedReviewerIds: ['o'] }))).toBe(false)
    expect(mayReveal(office, facts({ status: 'draft', submittedAt: null }))).toBe(false)
    expect(mayExportSensitive(office)).toBe(true)
    expect(mayExportSensitive(college)).toBe(false)
  })
})

describe('learning agreements (decision 26)', () => {
  const facts = { applicantId: 's1', collegeId: 'c1', status: 'approved' as const, kind: 'exchange' }
  const approver = { id: 'ap', roles: ['academic_approver' as const], collegeId: 'c1' }

  it("lets its college's academic approver decide, not another college's, nor a college reviewer", () => {
    expect(approvesAgreement(approver, facts)).toBe(true)
    expect(approvesAgreement({ ...approver, collegeId: 'c2' }, facts)).toBe(false)
    expect(approvesAgreement({ ...approver, collegeId: null }, facts)).toBe(false)
    expect(approvesAgreement({ id: 'cr', roles: ['college_reviewer'], collegeId: 'c1' }, facts)).toBe(false)
    // Never on their own agreement, nor before approval, nor for a conference trip.
    expect(approvesAgreement({ ...approver, id: 's1' }, facts)).toBe(false)
    expect(approvesAgreement(approver, { ...facts, status: 'offered' })).toBe(false)
    expect(approvesAgreement(approver, { ...facts, kind: 'conference' })).toBe(false)
  })

  it('lets the student edit while approved and read afterwards; the approver reads but does not edit', () => {
    const student = { id: 's1', roles: ['student' as const], collegeId: 'c1' }
    expect(editsAgreement(student, facts)).toBe(true)
    expect(editsAgreement(student, { ...facts, status: 'completed' })).toBe(false)
    expect(readsAgreement(student, { ...facts, status: 'completed' })).toBe(true)
    expect(editsAgreement({ ...approver, roles: ['academic_approver'] }, facts)).toBe(false)
    expect(readsAgreement(approver, facts)).toBe(true)
    expect(readsAgreement({ id: 'x', roles: ['student'], collegeId: 'c1' }, facts)).toBe(false)
  })
})
