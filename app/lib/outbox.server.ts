import { randomUUID } from 'node:crypto'
import { renderEmail, type EmailPayload, type EmailTemplate } from '#emails/index'
import type { Prisma } from '~/generated/prisma/client'
import { fromDbLocale, toDbLocale, type Locale } from '~/i18n'
import { prisma } from './db.server'
import { env } from './env.server'
import { insertRows } from './bulk-insert.server'
import { sendMail } from './mailer.server'

// The reliable outbox: emails are written in the transaction of the change they announce and
// sent afterwards by a worker, with retries. Delivery is at least once; the stable Message-ID
// lets mail clients recognise a rare duplicate (a crash between sending and marking sent).

/** How long a claimed row stays invisible to other workers while it is being sent. */
const LEASE_MS = 60_000
/** A send still running when its lease ends could be sent a second time by another worker. */
const SEND_TIMEOUT_MS = 30_000
const MAX_ATTEMPTS = 12
/** Messages claimed at once: their sends share the mailer's pooled connections. */
const BATCH_SIZE = 50
const LANES = 2
const retryDelayMs = (attempts: number) => Math.min(5_000 * 2 ** (attempts - 1), 10 * 60_000)

export type Email<T extends EmailTemplate> = { template: T; to: string; locale: Locale; payload: EmailPayload<T> }

const outboxRow = <T extends EmailTemplate>({ template, to, locale, payload }: Email<T>) => ({
  template,
  toAddress: to,
  locale: toDbLocale(locale),
  payload,
  messageId: newMessageId(),
})

export async function enqueueEmail<T extends EmailTemplate>(
  tx: Prisma.TransactionClient,
  email: Email<T>,
): Promise<{ id: string; messageId: string }> {
  return tx.outboxMessage.create({ data: outboxRow(email), select: { id: true, messageId: true } })
}

/** enqueueEmail for many emails in one statement (bulk imports). */
export async function enqueueEmails<T extends EmailTemplate>(tx: Prisma.TransactionClient, emails: Email<T>[]): Promise<number> {
  return (await insertRows(tx, 'OutboxMessage', emails.map(outboxRow))).length
}

function newMessageId(): string {
  const domain = /@([^>\s]+)/.exec(env().MAIL_FROM)?.[1] ?? 'mobility-portal'
  return `<${randomUUID()}@${domain}>`
}

type ClaimedRow = {
  id: string
  template: string
  toAddress: string
  locale: 'zh_CN' | 'en'
  payload: unknown
  attempts: number
  messageId: string
}

export type BatchResult = { claimed: number; sent: number; retrying: number; failed: number }

/**
 * Claims up to `limit` due messages and sends them. The claim is one statement: SKIP LOCKED
 * lets concurrent workers take disjoint rows, and the lease (nextAttemptAt pushed forward)
 * keeps them away after it commits. Each outcome is written only if `attempts` still matches
 * the claim, so a worker whose lease ran out cannot overwrite a newer claim.
 */
/**
 * Payload fields that carry a single-use link (its token in clear): needed until the message is
 * sent, and a standing secret after that, since the token tables keep hashes alone.
 */
const LINK_FIELDS = ['setPasswordUrl', 'resetUrl', 'confirmUrl', 'consentUrl', 'safeUrl', 'helpUrl']

/** Drops the single-use links from sent messages' payloads (a failed one keeps its own, to be resent). */
async function forgetLinks(ids: string[]) {
  await prisma.$executeRaw`
    UPDATE "OutboxMessage" SET "payload" = "payload" - ${LINK_FIELDS}::text[]
    WHERE "id" = ANY(${ids}) AND "payload" ?| ${LINK_FIELDS}::text[]`
}

export async function processOutboxBatch({ limit = BATCH_SIZE }: { limit?: number } = {}): Promise<BatchResult> {
  // Times come from this clock as parameters, not SQL now(): Prisma stores UTC in `timestamp`
  // columns, while now() would be read in the session's time zone.
  const now = new Date()
  const rows = await prisma.$queryRaw<ClaimedRow[]>`
    UPDATE "OutboxMessage"
    SET "attempts" = "attempts" + 1, "nextAttemptAt" = ${new Date(now.getTime() + LEASE_MS)}
    WHERE "id" IN (
      SELECT "id" FROM "OutboxMessage"
      WHERE "status" = 'pending' AND "nextAttemptAt" <= ${now}
      ORDER BY "nextAttemptAt"
      LIMIT ${limit}
      FOR UPDATE SKIP LOCKED
    )
    RETURNING "id", "template", "toAddress", "locale"::text, "payload", "attempts", "messageId"`

  const outcomes = await Promise.all(rows.map(deliver))
  // One statement marks the batch's sent messages (one per message was a round trip each).
  const sent = rows.filter((_, i) => outcomes[i] === 'sent').map((r) => ({ id: r.id, attempts: r.attempts }))
  if (sent.length) {
    await prisma.outboxMessage.updateMany({ where: { OR: sent }, data: { status: 'sent', sentAt: new Date(), lastError: null } })
    await forgetLinks(sent.map((s) => s.id))
  }
  return {
    claimed: rows.length,
    sent: outcomes.filter((o) => o === 'sent').length,
    retrying: outcomes.filter((o) => o === 'retrying').length,
    failed: outcomes.filter((o) => o === 'failed').length,
  }
}

async function deliver(row: ClaimedRow): Promise<'sent' | 'retrying' | 'failed'> {
  const claim = { id: row.id, attempts: row.attempts }

  let email: Awaited<ReturnType<typeof renderEmail>>
  try {
    email = await renderEmail(row.template as EmailTemplate, fromDbLocale(row.locale), row.payload as EmailPayload<EmailTemplate>)
  } catch (error) {
    // Rendering is deterministic: retrying a bad template or payload cannot succeed.
    console.error(`[outbox] cannot render message ${row.id}:`, error)
    await prisma.outboxMessage.updateMany({
      where: claim,
      data: { status: 'failed', lastError: `render: ${errorText(error)}` },
    })
    return 'failed'
  }

  try {
    await sendMail({ to: row.toAddress, ...email, messageId: row.messageId, signal: AbortSignal.timeout(SEND_TIMEOUT_MS) })
  } catch (error) {
    const giveUp = row.attempts >= MAX_ATTEMPTS
    console.warn(`[outbox] sending message ${row.id} failed (attempt ${row.attempts}):`, errorText(error))
    await prisma.outboxMessage.updateMany({
      where: claim,
      data: giveUp
        ? { status: 'failed', lastError: errorText(error) }
        : { lastError: errorText(error), nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts)) },
    })
    return giveUp ? 'failed' : 'retrying'
  }
  return 'sent' // marked by the caller, with the rest of the batch
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, 1000)

/** Puts a failed message back in the queue with a fresh set of attempts. */
export async function resendMessage(id: string, db: Prisma.TransactionClient = prisma): Promise<boolean> {
  const { count } = await db.outboxMessage.updateMany({
    where: { id, status: 'failed' },
    data: { status: 'pending', attempts: 0, nextAttemptAt: new Date() },
  })
  return count === 1
}

/**
 * Sends due messages every OUTBOX_POLL_MS (draining full batches at once) until stopped.
 * Errors are logged, never thrown: a database or SMTP outage only delays mail.
 * The returned function stops polling and resolves once the current batch is done.
 */
export function startOutboxWorker({
  pollMs = env().OUTBOX_POLL_MS,
  batchSize = BATCH_SIZE,
}: { pollMs?: number; batchSize?: number } = {}): () => Promise<void> {
  let stopped = false
  let timer: ReturnType<typeof setTimeout> | undefined
  let current = Promise.resolve()

  // A full batch suggests more are due: keep going until the queue is drained.
  const drain = async () => {
    while (!stopped) {
      const { claimed } = await processOutboxBatch({ limit: batchSize })
      if (claimed < batchSize) break
    }
  }
  const tick = async () => {
    // Batches in flight at once (claims skip each other's rows): one renders while another is on
    // the wire, instead of the connections idling while a batch renders.
    const lanes = await Promise.allSettled(Array.from({ length: LANES }, drain))
    for (const lane of lanes) if (lane.status === 'rejected') console.error('[outbox] batch failed:', lane.reason)
    if (!stopped) timer = setTimeout(() => (current = tick()), pollMs)
  }
  current = tick()

  return async () => {
    stopped = true
    clearTimeout(timer)
    await current
  }
}
