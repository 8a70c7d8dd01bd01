// Benchmark 4: 1,000 reviewer decisions (office rejections through the review model's decideMany,
// each writing its student email to the outbox) and the time until the SMTP server has accepted
// every one of them from the outbox worker, as the app runs it; against raw nodemailer (pooled)
// sending the same 1,000 messages, rendered beforehand, to the same server. Counted by the SMTP
// sink by Message-ID: none may be lost or doubled.
import nodemailer from 'nodemailer'
import type { Child } from './lib/ipc'
import { cpuSecondsOf } from './lib/memory'
import { round, type BenchResult } from './lib/results'
import type { SinkStats } from './lib/smtp-sink'

const DECISIONS = 1000

/** CPU seconds used by this process (the sender) and by the services' process (the SMTP sink). */
function cpuMeter(sinkPid: number) {
  const sender = process.cpuUsage()
  const sink = cpuSecondsOf(sinkPid)
  return () => {
    const { user, system } = process.cpuUsage(sender)
    return { sender: round((user + system) / 1e6), sink: round(cpuSecondsOf(sinkPid) - sink) }
  }
}

export async function benchEmails({ services }: { services: Child }): Promise<BenchResult> {
  // App modules read process.env once, when first loaded: the caller has set it.
  const [{ prisma }, { toSessionUser }, { decideMany }, { startOutboxWorker }, { renderEmail }, { env }, { fromDbLocale }] =
    await Promise.all([
      import('../app/lib/db.server'),
      import('../app/lib/auth.server'),
      import('../app/models/review-decisions.server'),
      import('../app/lib/outbox.server'),
      import('../emails/index'),
      import('../app/lib/env.server'),
      import('../app/i18n'),
    ])
  const office = toSessionUser(await prisma.user.findUniqueOrThrow({ where: { email: 'office@demo.edu.cn' } }))
  const applications = await prisma.application.findMany({
    where: { status: 'college_endorsed', id: { startsWith: 'bapp' } },
    select: { id: true, version: true },
    orderBy: { id: 'asc' },
    take: DECISIONS,
  })
  await prisma.outboxMessage.deleteMany({ where: { status: 'pending' } })

  const since = new Date()
  let started = performance.now()
  const decisions = await decideMany(
    office,
    applications.map((a) => ({
      applicationId: a.id,
      version: a.version,
      command: 'office_reject' as const,
      reason: '名额已满 / no places left',
    })),
  )
  const decideSeconds = (performance.now() - started) / 1000
  const refused = decisions.filter((d) => !d.ok)
  if (refused.length) throw new Error(`${refused.length} decisions refused: ${JSON.stringify(refused[0])}`)
  const queued = await prisma.outboxMessage.findMany({ where: { createdAt: { gte: since }, status: 'pending' } })
  if (queued.length !== DECISIONS) throw new Error(`${queued.length} emails queued for ${DECISIONS} decisions`)

  // Baseline: the same messages, rendered first (not timed), sent over a pooled transport.
  const rendered = await Promise.all(
    queued.map(async (m) => ({
      to: m.toAddress,
      ...(await renderEmail(m.template as 'decision-rejected', fromDbLocale(m.locale), m.payload as never)),
    })),
  )
  const transport = nodemailer.createTransport({ host: env().SMTP_HOST, port: env().SMTP_PORT, pool: true, ignoreTLS: true })
  await services.request('sinkReset')
  let cpu = cpuMeter(services.process.pid!)
  const rawStart = Date.now()
  await Promise.all(rendered.map((m, i) => transport.sendMail({ from: env().MAIL_FROM, ...m, messageId: `<raw-${i}@bench>` })))
  const raw = await services.request<SinkStats>('sinkStats')
  const rawCpu = cpu()
  transport.close()
  const rawSeconds = (raw.lastAcceptedAt! - rawStart) / 1000

  // The outbox worker exactly as the app starts it (server/index.ts).
  await services.request('sinkReset')
  cpu = cpuMeter(services.process.pid!)
  const outboxStart = Date.now()
  started = performance.now()
  const stop = startOutboxWorker()
  let sink: SinkStats
  do {
    await new Promise((resolve) => setTimeout(resolve, 50))
    sink = await services.request<SinkStats>('sinkStats')
  } while (sink.accepted < DECISIONS && performance.now() - started < 180_000)
  const outboxCpu = cpu()
  await stop()
  await new Promise((resolve) => setTimeout(resolve, 500)) // anything sent twice would show now
  sink = await services.request<SinkStats>('sinkStats')
  const sent = await prisma.outboxMessage.count({ where: { createdAt: { gte: since }, status: 'sent' } })
  const outboxSeconds = ((sink.lastAcceptedAt ?? Date.now()) - outboxStart) / 1000
  const ratio = outboxSeconds / rawSeconds
  const lost = DECISIONS - sink.distinct

  return {
    id: 'emails',
    title: '1,000 decision emails through the outbox',
    goal: '≤ 1.5× raw nodemailer; none lost',
    met: ratio <= 1.5 && lost === 0 && raw.distinct === DECISIONS,
    measured: `${round(outboxSeconds)} s until the SMTP server had all ${sink.distinct} (${round(ratio)}× raw), ${lost} lost, ${sink.accepted - sink.distinct} doubled`,
    baseline: `${round(rawSeconds)} s: raw nodemailer, pooled, ${raw.distinct} pre-rendered messages`,
    details: {
      decisions: DECISIONS,
      decideSeconds: round(decideSeconds),
      outboxSeconds: round(outboxSeconds, 3),
      rawSeconds: round(rawSeconds, 3),
      ratio: round(ratio, 3),
      acceptedBySink: sink.accepted,
      distinctMessageIds: sink.distinct,
      markedSent: sent,
      rawAccepted: raw.accepted,
      cpuSeconds: { outbox: outboxCpu, raw: rawCpu },
    },
    notes: `The 1,000 decisions themselves took ${round(decideSeconds, 1)} s (not in either figure). The outbox figure includes rendering each email; the raw one does not.`,
  }
}
