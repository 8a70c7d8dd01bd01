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
    // No connection pool: nodemailer's pool left sends hanging when the server cut its connections
    // (tests/reliability/faults.test.ts), and a stuck send holds the outbox's whole batch. A
    // connection per message is slower (bench/, emails) but always answers.
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
}: {
  to: string
  subject: string
  html: string
  text: string
  messageId: string
}): Promise<void> {
  await smtp().sendMail({ from: env().MAIL_FROM, to, subject, html, text, messageId })
}

/** Throws unless the SMTP server accepts a connection (and our credentials, if any). */
export async function checkMail(): Promise<void> {
  await smtp().verify()
}
