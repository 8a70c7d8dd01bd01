// Where the end-to-end web server (tests/e2e/server.ts) listens. Dedicated ports, so the suite
// runs next to `npm run dev` (3000, 54320, 4569, 1025, 1080) without touching its data.
// E2E_PORT_OFFSET shifts them all, so two checkouts can run their suites side by side.
const offset = Number(process.env.E2E_PORT_OFFSET ?? 0)
export const E2E_PORTS = {
  app: 3100 + offset,
  postgres: 54340 + offset,
  s3: 4580 + offset,
  smtp: 1035 + offset,
  mailWeb: 1090 + offset,
} as const

// `localhost`, not 127.0.0.1: the session cookie is Secure in production mode, and Chromium
// accepts Secure cookies over plain http only from localhost.
export const APP_URL = `http://localhost:${E2E_PORTS.app}`
/** MailDev's web UI and REST API; read it with tests/support/mail-catcher.ts. */
export const MAIL_CATCHER_URL = `http://127.0.0.1:${E2E_PORTS.mailWeb}`

/** Every seeded demo account has this password (prisma/seed-data.ts). */
export const DEMO_PASSWORD = 'Mobility#2026'

/**
 * The e2e server's UPLOAD_MAX_BYTES (tests/e2e/server.ts): small, so the oversize case sends
 * 2 MB rather than 20.
 */
export const E2E_UPLOAD_MAX_BYTES = 2 * 1024 * 1024

/** The S3 bucket of the e2e server (scripts/services), read with the credentials of s3rver. */
export const E2E_S3 = {
  endpoint: `http://127.0.0.1:${E2E_PORTS.s3}`,
  bucket: 'mobility-documents',
  accessKeyId: 'S3RVER',
  secretAccessKey: 'S3RVER',
} as const
