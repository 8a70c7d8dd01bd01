import { describe, expect, it } from 'vitest'
import { roles, type Role } from './roles'
import {
  acceptsDocument,
  changeRequesterOf,
  commands,
  commandsFor,
  consequences,
  freesPlace,
  holder,
  holdsPlace,
  isActive,
  isCommand,
  isEditable,
  isFinal,
  isFull,
  placesLeft,
  placeStatuses,
  resolveTarget,
  statuses,
  transition,
  workflow,
  type ApplicationStatus,
  type Command,
} from './workflow'

// The expected workflow, written independently of the table in workflow.ts: per status, the
// commands allowed from it as "roles -> target". "a/b" means a when university money is requested,
// b otherwise. Everything not listed must be refused.
const expected: Record<ApplicationStatus, Partial<Record<Command, string>>> = {
  draft: {
    submit: 'student -> submitted',
    withdraw: 'student -> withdrawn',
    cancel: 'office_reviewer admin -> cancelled',
  },
  submitted: {
    withdraw: 'student -> withdrawn',
    college_endorse: 'college_reviewer -> college_endorsed',
    college_reject: 'college_reviewer -> rejected',
    college_request_changes: 'college_reviewer -> changes_requested',
    cancel: 'office_reviewer admin -> cancelled',
  },
  changes_requested: {
    resubmit: 'student -> submitted',
    withdraw: 'student -> withdrawn',
    cancel: 'office_reviewer admin -> cancelled',
  },
  college_endorsed: {
    withdraw: 'student -> withdrawn',
    office_approve: 'office_reviewer -> funding_check/approved',
    office_waitlist: 'office_reviewer -> waitlisted',
    office_reject: 'office_reviewer -> rejected',
    office_request_changes: 'office_reviewer -> changes_requested',
    cancel: 'office_reviewer admin -> cancelled',
  },
  funding_check: {
    withdraw: 'student -> withdrawn',
    finance_confirm: 'finance -> approved',
    finance_return: 'finance -> college_endorsed',
    cancel: 'office_reviewer admin -> cancelled',
  },
  approved: {
    withdraw: 'student -> withdrawn',
    cancel: 'office_reviewer admin -> cancelled',
    complete: 'office_reviewer admin -> completed',
    report_return: 'student -> completed',
  },
  // Only in a selection round (below); outside one, nothing leads here.
  offered: {
    withdraw: 'student -> withdrawn',
    cancel: 'office_reviewer admin -> cancelled',
  },
  waitlisted: {
    withdraw: 'student -> withdrawn',
    promote_from_waitlist: 'office_reviewer -> funding_check/approved',
    office_reject: 'office_reviewer -> rejected',
    cancel: 'office_reviewer admin -> cancelled',
  },
  rejected: {},
  withdrawn: {},
  cancelled: {},
  completed: {},
}

// In a selection round the round places students: the office does not approve, waitlist or
// promote one by one; it offers the placed their place and puts the rest on the reserve list.
const { office_approve: _approve, office_waitlist: _waitlist, ...endorsedInRound } = expected.college_endorsed
const { promote_from_waitlist: _promote, ...waitlistedInRound } = expected.waitlisted
const expectedInRound: typeof expected = {
  ...expected,
  college_endorsed: {
    ...endorsedInRound,
    round_offer: 'office_reviewer -> offered',
    round_reserve: 'office_reviewer -> waitlisted',
  },
  waitlisted: { ...waitlistedInRound, round_offer: 'office_reviewer -> offered' },
  funding_check: { ...expected.funding_check, finance_return: 'finance -> offered' },
  offered: {
    ...expected.offered,
    accept_offer: 'student -> funding_check/approved',
    decline_offer: 'student -> withdrawn',
    offer_lapse: 'office_reviewer -> withdrawn',
  },
}

const allCommands: Command[] = [
  'submit',
  'resubmit',
  'withdraw',
  'college_endorse',
  'college_reject',
  'college_request_changes',
  'office_approve',
  'office_waitlist',
  'office_reject',
  'office_request_changes',
  'promote_from_waitlist',
  'finance_confirm',
  'finance_return',
  'cancel',
  'complete',
  'report_return',
  'round_offer',
  'round_reserve',
  'accept_offer',
  'decline_offer',
  'offer_lapse',
]
const allStatuses: ApplicationStatus[] = [
  'draft',
  'submitted',
  'changes_requested',
  'college_endorsed',
  'funding_check',
  'approved',
  'offered',
  'waitlisted',
  'rejected',
  'withdrawn',
  'cancelled',
  'completed',
]

function parse(entry: string) {
  const [who, target] = entry.split(' -> ')
  const [money, noMoney = money] = target.split('/')
  return { roles: who.split(' ') as Role[], money: money as ApplicationStatus, noMoney: noMoney as ApplicationStatus }
}

// Roles that may give a command somewhere: any other role is refused for its role, not the status.
const rolesAnywhere = (command: Command) =>
  new Set(
    allStatuses.flatMap((s) => [expected, expectedInRound].flatMap((table) => (table[s][command] ? parse(table[s][command]!).roles : []))),
  )

const cases = allCommands.flatMap((command) =>
  allStatuses.flatMap((from) => roles.flatMap((role) => [false, true].map((inRound) => ({ command, from, role, inRound })))),
)

describe('the workflow table', () => {
  it('has exactly the expected commands and statuses', () => {
    expect([...commands].sort()).toEqual([...allCommands].sort())
    expect([...statuses].sort()).toEqual([...allStatuses].sort())
  })

  it('is checked for every (command, from, role) combination', () => {
    // 21 commands, 12 statuses, 6 roles (the academic approver gives none of them), in a round or not.
    expect(cases).toHaveLength(21 * 12 * 6 * 2)
  })

  it.each(cases)('$command from $from by $role (in a round: $inRound)', ({ command, from, role, inRound }) => {
    const entry = (inRound ? expectedInRound : expected)[from][command]
    for (const requestsMoney of [true, false]) {
      const result = transition(command, from, { role, requestsMoney, inRound })
      if (!rolesAnywhere(command).has(role)) {
        expect(result).toEqual({ ok: false, reason: 'role' })
      } else if (!entry || !parse(entry).roles.includes(role)) {
        expect(result).toEqual({ ok: false, reason: 'status' })
      } else {
        const { money, noMoney } = parse(entry)
        expect(result).toEqual({ ok: true, to: requestsMoney ? money : noMoney })
      }
    }
  })

  it('accepts any one allowed role of an actor with several', () => {
    expect(transition('finance_confirm', 'funding_check', { role: ['student', 'finance'], requestsMoney: true })).toEqual({
      ok: true,
      to: 'approved',
    })
    expect(transition('finance_confirm', 'funding_check', { role: [], requestsMoney: true })).toEqual({ ok: false, reason: 'role' })
  })
})

describe('commandsFor', () => {
  it.each(allStatuses.flatMap((status) => roles.flatMap((role) => [false, true].map((inRound) => ({ status, role, inRound })))))(
    'lists what $role may do on $status (in a round: $inRound)',
    ({ status, role, inRound }) => {
      const table = inRound ? expectedInRound : expected
      const want = allCommands.filter((c) => table[status][c] && parse(table[status][c]!).roles.includes(role))
      expect(commandsFor(status, role, inRound).sort()).toEqual(want.sort())
    },
  )
  it('merges the commands of several roles', () => {
    expect(commandsFor('approved', ['student', 'admin']).sort()).toEqual(['cancel', 'complete', 'report_return', 'withdraw'])
  })
})

describe('status properties', () => {
  it('knows the final statuses', () => {
    expect(allStatuses.filter(isFinal)).toEqual(['rejected', 'withdrawn', 'cancelled', 'completed'])
  })
  it('counts every status but withdrawn, rejected and cancelled as active', () => {
    expect(allStatuses.filter((s) => !isActive(s))).toEqual(['rejected', 'withdrawn', 'cancelled'])
  })
  it('names who holds the application', () => {
    expect(Object.fromEntries(allStatuses.map((s) => [s, holder(s)]))).toEqual({
      draft: 'student',
      submitted: 'college',
      changes_requested: 'student',
      college_endorsed: 'office',
      funding_check: 'finance',
      approved: null,
      offered: 'student',
      waitlisted: 'office',
      rejected: null,
      withdrawn: null,
      cancelled: null,
      completed: null,
    })
  })
  it('lets the student edit only drafts and applications sent back for changes', () => {
    expect(allStatuses.filter(isEditable)).toEqual(['draft', 'changes_requested'])
  })
  it('frees a place when a place-holding application leaves', () => {
    expect(allStatuses.filter(holdsPlace)).toEqual(['funding_check', 'approved', 'offered', 'completed'])
    expect(freesPlace('offered', 'withdrawn')).toBe(true)
    expect(freesPlace('offered', 'approved')).toBe(false)
    expect(freesPlace('approved', 'withdrawn')).toBe(true)
    expect(freesPlace('funding_check', 'college_endorsed')).toBe(true)
    expect(freesPlace('funding_check', 'approved')).toBe(false)
    expect(freesPlace('waitlisted', 'withdrawn')).toBe(false)
    expect(freesPlace('approved', 'completed')).toBe(false)
  })
  it('counts places one way: placeStatuses hold them, places left never below zero, none without a quota', () => {
    expect(placeStatuses).toEqual(['funding_check', 'approved', 'offered', 'completed'])
    expect([placesLeft(5, 2), placesLeft(2, 3), placesLeft(null, 9)]).toEqual([3, 0, null])
    expect([isFull(2, 1), isFull(2, 2), isFull(0, 0), isFull(null, 1000)]).toEqual([false, true, true, false])
  })
  it('recognises command names from form intents', () => {
    expect(isCommand('office_approve')).toBe(true)
    expect(isCommand('toString')).toBe(false)
    expect(isCommand(undefined)).toBe(false)
  })
})

describe('resubmit', () => {
  it('goes back to whoever asked for the changes: the college, or the office; the college when unknown', () => {
    const student = { role: 'student' as const, requestsMoney: true }
    expect(transition('resubmit', 'changes_requested', { ...student, changesRequestedBy: 'college' })).toEqual({
      ok: true,
      to: 'submitted',
    })
    expect(transition('resubmit', 'changes_requested', { ...student, changesRequestedBy: 'office' })).toEqual({
      ok: true,
      to: 'college_endorsed',
    })
    expect(transition('resubmit', 'changes_requested', student)).toEqual({ ok: true, to: 'submitted' })
  })
  it('knows who asks with each command', () => {
    expect(commands.map((c) => [c, changeRequesterOf(c)]).filter(([, by]) => by)).toEqual([
      ['college_request_changes', 'college'],
      ['office_request_changes', 'office'],
    ])
  })
  it('sends the office’s resubmission to a status the office decides on', () => {
    const officeCommands = commandsFor('college_endorsed', 'office_reviewer')
    expect(officeCommands).toContain('office_request_changes')
    expect(officeCommands).toContain('office_approve')
  })
})

describe('acceptsDocument', () => {
  it('takes any document in a draft, only the requested kinds while changes are requested, only receipts and the report once approved', () => {
    expect(acceptsDocument('draft', 'transcript')).toBe(true)
    expect(acceptsDocument('changes_requested', 'passport', ['passport'])).toBe(true)
    expect(acceptsDocument('changes_requested', 'transcript', ['passport'])).toBe(false)
    expect(acceptsDocument('changes_requested', 'passport')).toBe(false)
    expect(acceptsDocument('approved', 'receipt')).toBe(true)
    expect(acceptsDocument('approved', 'return_report')).toBe(true)
    expect(acceptsDocument('approved', 'transcript')).toBe(false)
    expect(acceptsDocument('submitted', 'receipt')).toBe(false)
    expect(acceptsDocument('completed', 'receipt')).toBe(false)
  })
})

describe('consequences', () => {
  // Per command, over every status it starts from, with and without university money: what the
  // door (models/status-change.server.ts) runs besides the status and the audit row.
  const named = (pick: (c: ReturnType<typeof consequences>) => unknown) =>
    Object.fromEntries(
      commands.map((command) => {
        const seen = new Set<string>()
        for (const from of workflow[command].from as readonly ApplicationStatus[]) {
          for (const money of [false, true]) {
            const value = pick(consequences(from, resolveTarget(workflow[command].to, money)))
            if (value) seen.add(value === true ? from : `${value}`)
          }
        }
        return [command, [...seen].sort()]
      }),
    )

  it("takes a place on approval, promotion and a round's offer only: the quota is checked there", () => {
    const taking = named((c) => c.takesPlace)
    expect(Object.keys(taking).filter((c) => taking[c].length)).toEqual(['office_approve', 'promote_from_waitlist', 'round_offer'])
  })
  it('proposes the award whenever an application enters funding check (an accepted offer included)', () => {
    const proposing = named((c) => c.proposesAward)
    expect(Object.keys(proposing).filter((c) => proposing[c].length)).toEqual(['office_approve', 'promote_from_waitlist', 'accept_offer'])
  })
  it("frees a place (releasing the money, promoting the first waitlisted) on a withdrawal, a cancellation or finance's return", () => {
    const freeing = named((c) => c.freesPlace)
    expect(Object.fromEntries(Object.entries(freeing).filter(([, from]) => from.length))).toEqual({
      withdraw: ['approved', 'funding_check', 'offered'],
      finance_return: ['funding_check'],
      cancel: ['approved', 'funding_check', 'offered'],
      decline_offer: ['offered'],
      offer_lapse: ['offered'],
    })
  })
  it('emails the student about their submission and each decision on it, never about funding check', () => {
    expect(named((c) => c.email)).toEqual({
      submit: ['submission-receipt'],
      resubmit: ['submission-receipt'],
      withdraw: [],
      college_endorse: [],
      college_reject: ['decision-rejected'],
      college_request_changes: ['changes-requested'],
      office_approve: ['decision-approved'],
      office_waitlist: ['decision-waitlisted'],
      office_reject: ['decision-rejected'],
      office_request_changes: ['changes-requested'],
      promote_from_waitlist: ['decision-approved'],
      finance_confirm: ['decision-approved'],
      finance_return: [],
      cancel: [],
      complete: [],
      report_return: [],
      round_offer: ['round-offer'],
      round_reserve: ['decision-waitlisted'],
      accept_offer: ['decision-approved'],
      decline_offer: [],
      offer_lapse: [],
    })
    expect(consequences('college_endorsed', 'funding_check').email).toBeNull()
  })
  it('opens the stay whenever an application becomes approved, never on the way to funding check', () => {
    const opening = named((c) => c.opensStay)
    expect(Object.keys(opening).filter((c) => opening[c].length)).toEqual([
      'office_approve',
      'promote_from_waitlist',
      'accept_offer',
      'finance_confirm',
    ])
    expect(consequences('college_endorsed', 'funding_check').opensStay).toBe(false)
  })
  it('takes the insurance policy and the visa between approval and the report, not before', () => {
    expect(acceptsDocument('approved', 'insurance_policy')).toBe(true)
    expect(acceptsDocument('approved', 'visa')).toBe(true)
    expect(acceptsDocument('submitted', 'visa')).toBe(false)
    expect(acceptsDocument('completed', 'insurance_policy')).toBe(false)
  })
})
