// Sensitive answers on the staff's side (PIPL least exposure): the answers a staff member's
// loader carries are masked unless the access policy lets them see them in full
// (access.ts `seesSensitiveInFull`); revealing one is an explicit, logged action with a reason.
import { mayReveal, seesSensitiveInFull, type Actor } from '~/domain/access'
import { maskAnswers, type SensitiveField } from '~/domain/personal-data'
import { notFound, refuse, type Result } from '~/domain/result'
import { recordReads } from '~/lib/audit.server'
import { prisma } from '~/lib/db.server'
import { accessFor, factsSelect, type FactsRow } from './access.server'
import { openedFacts } from './review-access.server'

/**
 * The answers of an application the actor opened on the staff's side, as they may see them, and
 * which were masked (the page offers to reveal those). Records the read.
 */
export async function staffAnswers(actor: Actor, application: FactsRow & { details: unknown }) {
  const details = (application.details ?? {}) as Record<string, unknown>
  await recordReads(prisma, [{ actorId: actor.id, subjectId: application.applicantId, kind: 'application', applicationId: application.id }])
  if (seesSensitiveInFull(actor, openedFacts(application))) return { details, masked: [] as SensitiveField[] }
  return maskAnswers(details)
}

/** One masked answer in full, for an actor who may open the application; the read is logged with the reason. */
export async function revealAnswer(
  actor: Actor,
  applicationId: string,
  field: SensitiveField,
  reason: string,
): Promise<Result<{ field: SensitiveField; value: string }>> {
  const access = await accessFor(actor)
  const application = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, access.where('staff')] },
    select: { ...factsSelect, details: true },
  })
  if (!application || !mayReveal(actor, access.facts(application))) return notFound()
  const value = (application.details as Record<string, unknown> | null)?.[field]
  if (typeof value !== 'string' || !value) return refuse('privacy.reveal.nothing')
  await recordReads(prisma, [
    { actorId: actor.id, subjectId: application.applicantId, kind: 'reveal', applicationId, detail: field, reason },
  ])
  return { ok: true, field, value }
}
