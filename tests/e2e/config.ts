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
  cas: 4120 + offset,
  oidc: 4130 + offset,
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

/** The campus accounts of the e2e CAS server and OpenID provider (tests/e2e/server.ts); one journey each. */
export const CAMPUS_PASSWORD = 'Campus#e2e-2026'
export const campusAccounts = {
  /** Signs in through CAS; has an imported student record. */
  casStudent: {
    username: 'E2ECAS0001',
    password: CAMPUS_PASSWORD,
    name: '程一',
    nameEn: 'CHENG Yi',
    email: 'cheng.yi@campus.e2e.edu.cn',
    college: 'CS',
    level: '本科生',
  },
  /** Signs in through OpenID Connect; has an imported student record. */
  oidcStudent: {
    username: 'E2EOIDC0001',
    password: CAMPUS_PASSWORD,
    name: '欧阳二',
    nameEn: 'OUYANG Er',
    email: 'ouyang.er@campus.e2e.edu.cn',
    college: 'CS',
    level: 'undergraduate',
  },
  /** Deactivated in the portal after a first sign-in. */
  deactivated: {
    username: 'E2ECAS0002',
    password: CAMPUS_PASSWORD,
    name: '停用',
    nameEn: 'TING Yong',
    email: 'ting.yong@campus.e2e.edu.cn',
    college: 'CS',
    level: '本科生',
  },
} as const
