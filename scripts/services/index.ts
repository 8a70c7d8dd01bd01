// Starts the local stand-ins for production's services, PostgreSQL, S3 and SMTP, and returns the
// environment the app needs to reach them. Used by `npm run dev` and the end-to-end tests.
import { mkdir } from 'node:fs/promises'
import path from 'node:path'
import { startMailCatcher } from './mail'
import { startPostgres } from './postgres'
import { S3RVER_ACCESS_KEY_ID, S3RVER_SECRET_ACCESS_KEY, startS3 } from './s3'

export type Ports = { postgres: number; s3: number; smtp: number; mailWeb: number }

export const DEV_PORTS: Ports = { postgres: 54320, s3: 4569, smtp: 1025, mailWeb: 1080 }
const DATABASE = 'mobility'
const BUCKET = 'mobility-documents'

export async function startServices({ dataDir, ports, persistent }: { dataDir: string; ports: Ports; persistent: boolean }) {
  await Promise.all(['pg', 's3', 'mail'].map((d) => mkdir(path.join(dataDir, d), { recursive: true })))
  const stops: (() => Promise<void>)[] = []
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch((e) => console.error(e))
  }
  try {
    const postgres = await startPostgres({ dataDir: path.join(dataDir, 'pg'), port: ports.postgres, persistent })
    stops.push(() => postgres.stop())
    const s3 = await startS3({ directory: path.join(dataDir, 's3'), port: ports.s3, bucket: BUCKET })
    stops.push(() => s3.stop())
    const mail = await startMailCatcher({ smtpPort: ports.smtp, webPort: ports.mailWeb, directory: path.join(dataDir, 'mail') })
    stops.push(() => mail.stop())
    const fresh = !(await postgres.databaseExists(DATABASE))
    if (fresh) await postgres.createDatabase(DATABASE)
    const env = {
      DATABASE_URL: postgres.url(DATABASE),
      S3_ENDPOINT: s3.endpoint,
      S3_BUCKET: BUCKET,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: S3RVER_ACCESS_KEY_ID,
      S3_SECRET_ACCESS_KEY: S3RVER_SECRET_ACCESS_KEY,
      S3_FORCE_PATH_STYLE: 'true',
      SMTP_HOST: '127.0.0.1',
      SMTP_PORT: String(mail.smtpPort),
      SMTP_SECURE: 'false',
      MAIL_CATCHER_URL: mail.webUrl,
    }
    return { env, fresh, postgres, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
