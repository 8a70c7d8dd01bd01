import nodemailer from 'nodemailer'
import { env } from './env.server'

let transport: ReturnType<typeof nodemailer.createTransport> | undefined
function smtp() {
  const e = env()
  const auth = e.SMTP_USER ? { user: e.SMTP_USER, pass: e.SMTP_PASSWORD ?? '' } : undefined
  transport ??= nodemailer.createTransport({
    host: e.SMTP_HOST,
    port: e.SMTP_PORT,
    secure: e.SMTP_SECURE,
    auth,
    // A local catcher without TLS or auth (MailDev): don't attempt STARTTLS.
    ignoreTLS: !e.SMTP_SECURE && !auth,
    // A few connections kept open and reused: a connection per message adds a TCP and SMTP
    // handshake to every email (bench/, emails: 1.2× raw nodemailer instead of about 1.0×).
    pool: true,
    maxConnections: 5,
    // A message whose connection closes fails at once, and the outbox retries it later. The pool's
    // own retries (one message at a time, with back-off) let a batch wait many seconds while the
    // server was down (50 messages: 17 s; tests/reliability/faults.test.ts timed out on them).
    maxRequeues: 0,
    // Fail fast: the outbox retries later, and nothing waits minutes on a dead server.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  })
  return transport
}

export async function sendMail({
  to,
  subject,
  html,
  text,
  messageId,
  signal,
}: {
  to: string
  subject: string
  html: string
  text: string
  messageId: string
  /** Gives up on the message: it fails, and the pool closes the connection that was sending it. */
  signal?: AbortSignal
}): Promise<void> {
  await smtp().sendMail({ from: env().MAIL_FROM, to, subject, html, text, messageId, signal })
}

/** Throws unless the SMTP server accepts a connection (and our credentials, if any). */
export async function checkMail(): Promise<void> {
  await smtp().verify()
}
