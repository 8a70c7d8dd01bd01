// Child process of `npm run bench`: PostgreSQL, S3 (s3rver) and an SMTP sink on free ports, in a
// throw-away data directory, apart from the dev and e2e services. Sends back the app's environment.
import { rmSync } from 'node:fs'
import { chmod, mkdtemp } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { startServices } from '../scripts/services'
import { failStart, serveParent } from './lib/ipc'
import { freePort } from './lib/ports'
import { startSmtpSink } from './lib/smtp-sink'

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mp-bench-'))
await chmod(dataDir, 0o755) // as root PostgreSQL runs as `postgres`, which must reach pg/
process.on('exit', () => rmSync(dataDir, { recursive: true, force: true }))

try {
  const services = await startServices({
    dataDir,
    ports: { postgres: await freePort(), s3: 0, smtp: 0, mailWeb: 0 },
    persistent: false,
  })
  const sink = await startSmtpSink(await freePort())
  serveParent(
    // The app sends to the sink, not MailDev: the email benchmark times senders, not a catcher.
    { env: { ...services.env, SMTP_PORT: String(sink.port) } },
    { sinkStats: () => sink.stats(), sinkReset: () => sink.reset() },
    async () => {
      await sink.stop()
      await services.stop()
    },
  )
} catch (error) {
  failStart(error)
}
