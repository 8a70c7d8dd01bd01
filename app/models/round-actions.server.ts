// The round page's action: one intent, one model call, one answer ({ ok } or { ok: false, error:
// a message key }). The office's intents are refused to anyone else, as not found.
import { runsRounds } from '~/domain/access'
import { refuse, type Result } from '~/domain/result'
import type { MessageKey } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import type { RoundAction } from '~/schemas/rounds'
import { answerObjection, lodgeObjection } from './round-announcement.server'
import { assignReviewer, assignRoundReviewers } from './round-assignments.server'
import { chooseInRound } from './round-application.server'
import { sendOffers } from './round-offers.server'
import { rescheduleRound } from './rounds.server'
import { adjustAllocation, confirmAllocation, proposeAllocation, setCollegeQuota, setInterviewScore } from './round-selection.server'

export type RoundActionResult =
  | {
      ok: true
      intent: RoundAction['intent']
      applicationId?: string
      offers?: { offered: number; reserve: number }
      assigned?: { assigned: number; keptOff: number }
    }
  | { ok: false; intent: RoundAction['intent']; error: MessageKey }

const OFFICE_INTENTS: readonly RoundAction['intent'][] = [
  'quota',
  'interview',
  'allocate',
  'adjust',
  'confirm',
  'answer',
  'offers',
  'assign',
  'assignOne',
  'schedule',
]

export async function roundAction(user: SessionUser, roundId: string, action: RoundAction, now = new Date()): Promise<RoundActionResult> {
  const { intent } = action
  if (OFFICE_INTENTS.includes(intent) && !runsRounds(user)) return { ok: false, intent, error: 'round.error.notFound' }
  const answer = (result: Result<{ applicationId?: string }>): RoundActionResult =>
    result.ok ? { ok: true, intent, applicationId: result.applicationId } : { ok: false, intent, error: result.error }
  switch (action.intent) {
    case 'choose':
      if (!user.roles.includes('student')) return { ok: false, intent, error: 'round.error.notFound' }
      return answer(await chooseInRound(user, roundId, action.choice, now))
    case 'object':
      return answer(await lodgeObjection(user, roundId, action.body, now))
    case 'interview':
      return answer(
        (await setInterviewScore(user, roundId, action.applicationId, action.score)) ? { ok: true } : refuse('round.error.notInRound'),
      )
    case 'allocate':
      return answer(await proposeAllocation(user, roundId, now))
    case 'adjust':
      return answer(
        await adjustAllocation(
          user,
          roundId,
          { applicantId: action.applicationId, programId: action.programId, reason: action.reason },
          now,
        ),
      )
    case 'confirm':
      return answer(await confirmAllocation(user, roundId, action.version, now))
    case 'answer':
      return answer(await answerObjection(user, roundId, action.objectionId, action.answer, now))
    case 'assign': {
      const done = await assignRoundReviewers(user, roundId)
      return done.ok ? { ok: true, intent, assigned: { assigned: done.assigned, keptOff: done.keptOff } } : answer(done)
    }
    case 'quota':
      return answer(await setCollegeQuota(user, roundId, action, now))
    case 'assignOne':
      return answer(await assignReviewer(user, roundId, action))
    case 'schedule':
      return answer(await rescheduleRound(user, roundId, action))
    case 'offers': {
      const sent = await sendOffers(user, roundId, now)
      return sent.ok ? { ok: true, intent, offers: { offered: sent.offered, reserve: sent.reserve } } : answer(sent)
    }
  }
}
