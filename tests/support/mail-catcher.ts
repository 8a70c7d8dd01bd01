// Reads what the app sent from MailDev's REST API (started by scripts/services/mail.ts).
// Plain fetch, so it works in Vitest and in Playwright alike.

export type CaughtEmail = {
  id: string
  subject: string
  html: string
  text: string
  to: string[]
  from: string[]
  /** Lower-cased header names, e.g. headers['message-id']. */
  headers: Record<string, string | string[]>
  messageId: string | undefined
  time: string
}

type MailDevEmail = {
  id: string
  time: string
  subject: string
  html?: string
  text?: string
  to: { address: string }[]
  from: { address: string }[]
  headers: Record<string, string | string[]>
}

function toCaught(e: MailDevEmail): CaughtEmail {
  const headers = Object.fromEntries(Object.entries(e.headers).map(([k, v]) => [k.toLowerCase(), v]))
  const messageId = headers['message-id']
  return {
    id: e.id,
    subject: e.subject,
    html: e.html ?? '',
    text: e.text ?? '',
    to: e.to.map((a) => a.address.toLowerCase()),
    from: e.from.map((a) => a.address.toLowerCase()),
    headers,
    messageId: Array.isArray(messageId) ? messageId[0] : messageId,
    time: e.time,
  }
}

/** Every caught email, oldest first. */
export async function listEmails(webUrl: string): Promise<CaughtEmail[]> {
  const res = await fetch(`${webUrl}/api/email?sort=asc`)
  if (!res.ok) throw new Error(`MailDev answered ${res.status} listing emails`)
  return ((await res.json()) as MailDevEmail[]).map(toCaught)
}

/** Polls until an email to `to` (and with `subjectIncludes` in its subject) has arrived. */
export async function waitForEmail(
  webUrl: string,
  { to, subjectIncludes, timeoutMs = 5000 }: { to: string; subjectIncludes?: string; timeoutMs?: number },
): Promise<CaughtEmail> {
  const address = to.toLowerCase()
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const found = (await listEmails(webUrl)).find(
      (e) => e.to.includes(address) && (!subjectIncludes || e.subject.includes(subjectIncludes)),
    )
    if (found) return found
    if (Date.now() > deadline) {
      const what = subjectIncludes ? ` with subject containing "${subjectIncludes}"` : ''
      throw new Error(`No email to ${to}${what} arrived within ${timeoutMs} ms`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
}

export async function deleteAllEmails(webUrl: string): Promise<void> {
  const res = await fetch(`${webUrl}/api/email/all`, { method: 'DELETE' })
  if (!res.ok) throw new Error(`MailDev answered ${res.status} deleting emails`)
}

// The mail catcher is shared by the test files: every test writes to addresses of its own.
let counter = 0
export const uniqueEmail = (label: string) => `${label}-${process.pid}-${Date.now().toString(36)}-${++counter}@example.edu.cn`
