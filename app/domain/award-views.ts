// Which awards stand behind a finance dashboard figure.
import type { AwardStatus } from './funding'

/**
 * Waiting proposals (their requested sum), outstanding commitments (approved), payments (paid).
 * Released money sits on released awards and on paid awards that paid less than committed, so
 * "released" lists those of both that released something (a released proposal released nothing).
 */
export const awardViews = ['all', 'proposed', 'committed', 'paid', 'released'] as const
export type AwardView = (typeof awardViews)[number]

export const statusesOf: Record<AwardView, AwardStatus[] | null> = {
  all: null,
  proposed: ['proposed'],
  committed: ['committed'],
  paid: ['paid'],
  released: ['paid', 'released'],
}
