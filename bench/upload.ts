// Benchmark 1: a 50 MB PDF uploaded through the app's document route (multipart POST as a signed-in
// student) into S3, against a direct @aws-sdk/lib-storage upload of the same file to the same S3
// server. Throughput ratio, and how much the app process's RSS grows during an upload.
import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Readable } from 'node:stream'
import { S3Client } from '@aws-sdk/client-s3'
import { Upload } from '@aws-sdk/lib-storage'
import pg from 'pg'
import { pdf } from '../tests/support/files'
import { request, signIn } from './lib/http'
import { cpuSecondsOf, rssOf, watchRss } from './lib/memory'
import { MB, median, round, type BenchResult } from './lib/results'

const FILE_BYTES = 50 * MB
const RUNS = 5
export const UPLOAD_LIMIT_FOR_BENCH = 64 * MB // the 50 MB file must be within UPLOAD_MAX_BYTES

export async function benchUpload({
  appUrl,
  appPid,
  servicesPid,
  env,
}: {
  appUrl: string
  appPid: number
  servicesPid: number
  env: Record<string, string>
}): Promise<BenchResult> {
  const bytes = pdf({ padding: 2 * FILE_BYTES - pdf({ padding: FILE_BYTES }).length })
  const sha256 = createHash('sha256').update(bytes).digest('hex')
  const file = path.join(os.tmpdir(), `mp-bench-${process.pid}.pdf`)
  await writeFile(file, bytes)
  try {
    return await measure()
  } finally {
    await rm(file, { force: true })
  }

  async function measure(): Promise<BenchResult> {
    const applicationId = await draftApplicationOf(env.DATABASE_URL, 'student@demo.edu.cn')
    const cookie = await signIn(appUrl, 'student@demo.edu.cn', 'Mobility#2026')
    const s3 = new S3Client({
      endpoint: env.S3_ENDPOINT,
      region: env.S3_REGION,
      forcePathStyle: true,
      credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    })

    async function viaApp() {
      const boundary = `----bench${Date.now()}`
      const head = Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\ntranscript\r\n` +
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="成绩单-benchmark.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      )
      const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
      async function* body() {
        yield head
        yield* createReadStream(file, { highWaterMark: 64 * 1024 })
        yield tail
      }
      const before = rssOf(appPid)
      const peak = watchRss(appPid)
      const cpu = cpuMeter()
      const started = performance.now()
      const res = await request(`${appUrl}/student/applications/${applicationId}/documents`, {
        method: 'POST',
        headers: {
          Cookie: cookie,
          Accept: 'application/json',
          'Content-Type': `multipart/form-data; boundary=${boundary}`,
          'Content-Length': head.length + bytes.length + tail.length,
        },
        body: Readable.from(body()),
      })
      const seconds = (performance.now() - started) / 1000
      const rssGrowth = peak() - before
      const cpuSeconds = cpu()
      const answer = JSON.parse(res.body) as { ok: boolean; errors: unknown[] }
      if (res.status !== 200 || !answer.ok) throw new Error(`app upload failed: HTTP ${res.status} ${res.body.slice(0, 300)}`)
      await checkStored(env.DATABASE_URL, applicationId, sha256)
      return { seconds, rssGrowth, cpuSeconds }
    }

    // CPU seconds used by the app, by this process (the client) and by s3rver during one upload.
    function cpuMeter() {
      const app0 = cpuSecondsOf(appPid)
      const s3 = cpuSecondsOf(servicesPid)
      const client = process.cpuUsage()
      return () => {
        const { user, system } = process.cpuUsage(client)
        return { app: round(cpuSecondsOf(appPid) - app0), client: round((user + system) / 1e6), s3: round(cpuSecondsOf(servicesPid) - s3) }
      }
    }

    async function direct() {
      const cpu = cpuMeter()
      const started = performance.now()
      await new Upload({
        client: s3,
        params: { Bucket: env.S3_BUCKET, Key: `bench/direct-${Date.now()}`, Body: createReadStream(file), ContentType: 'application/pdf' },
      }).done()
      return { seconds: (performance.now() - started) / 1000, cpuSeconds: cpu() }
    }

    const warmUp = { app: await viaApp(), direct: await direct() }
    const app: Awaited<ReturnType<typeof viaApp>>[] = []
    const sdk: Awaited<ReturnType<typeof direct>>[] = []
    for (let i = 0; i < RUNS; i++) {
      app.push(await viaApp())
      sdk.push(await direct())
    }
    const mbps = (seconds: number) => FILE_BYTES / MB / seconds
    const appMBps = median(app.map((r) => mbps(r.seconds)))
    const directMBps = median(sdk.map((r) => mbps(r.seconds)))
    const ratio = appMBps / directMBps
    const rssGrowthMB = Math.max(...[warmUp.app, ...app].map((r) => r.rssGrowth)) / MB
    return {
      id: 'upload',
      title: 'Upload of a 50 MB PDF into S3',
      goal: 'throughput ≥ 0.9× direct SDK upload; app RSS growth < 64 MB',
      met: ratio >= 0.9 && rssGrowthMB < 64,
      measured: `${round(appMBps, 1)} MB/s through the app (${round(ratio)}× direct), RSS +${round(rssGrowthMB, 1)} MB`,
      baseline: `${round(directMBps, 1)} MB/s direct @aws-sdk/lib-storage upload to the same S3 server`,
      details: {
        fileBytes: FILE_BYTES,
        runs: RUNS,
        appMBps: round(appMBps, 1),
        directMBps: round(directMBps, 1),
        ratio: round(ratio, 3),
        maxRssGrowthMB: round(rssGrowthMB, 1),
        appSeconds: app.map((r) => round(r.seconds, 3)),
        directSeconds: sdk.map((r) => round(r.seconds, 3)),
        rssGrowthMB: app.map((r) => round(r.rssGrowth / MB, 1)),
        appCpuSeconds: app.map((r) => r.cpuSeconds),
        directCpuSeconds: sdk.map((r) => r.cpuSeconds),
        warmUp: {
          appSeconds: round(warmUp.app.seconds, 3),
          rssGrowthMB: round(warmUp.app.rssGrowth / MB, 1),
          directSeconds: round(warmUp.direct.seconds, 3),
        },
      },
      notes:
        'Median of 5 alternating runs after one warm-up each; RSS growth is the largest peak-minus-start of any app upload, warm-up included.',
    }
  }
}

/** A draft application of the demo student's, made for the benchmark. */
async function draftApplicationOf(databaseUrl: string, email: string): Promise<string> {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO "Application" (id, kind, "programId", "applicantId", "collegeId", "academicYear", status, "updatedAt")
       SELECT 'benchupload', p.kind, p.id, u.id, u."collegeId", p."academicYear", 'draft', now()
       FROM "User" u, "Program" p WHERE u.email = $1 AND p.kind = 'exchange' ORDER BY p.id LIMIT 1
       RETURNING id`,
      [email],
    )
    return rows[0].id
  } finally {
    await db.end()
  }
}

/** The newest document of the application must be the file, byte for byte (by SHA-256). */
async function checkStored(databaseUrl: string, applicationId: string, sha256: string) {
  const db = new pg.Client({ connectionString: databaseUrl })
  await db.connect()
  try {
    const { rows } = await db.query<{ sha256: string; size: number }>(
      `SELECT sha256, size FROM "Document" WHERE "applicationId" = $1 ORDER BY version DESC LIMIT 1`,
      [applicationId],
    )
    if (rows[0]?.sha256 !== sha256 || rows[0].size !== FILE_BYTES) throw new Error(`stored document differs: ${JSON.stringify(rows[0])}`)
  } finally {
    await db.end()
  }
}
