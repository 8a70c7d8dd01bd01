import { z } from 'zod'

// Every variable the server reads, validated once at start-up. Development and tests need no
// .env: scripts/dev.ts and the test set-up export the addresses of the services they start.
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

/** An identity provider's address: https, or http on this machine only (development and tests). */
const identityProviderUrl = () =>
  z.url({ protocol: /^https?$/ }).refine((v) => {
    const url = new URL(v)
    return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)
  }, 'must be an https address (http only for 127.0.0.1 or localhost)')

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    /** The address to listen on. Unset: every interface in production, this machine only (127.0.0.1 and ::1) in development. */
    HOST: z.string().min(1).optional(),
    APP_URL: z.url().optional(),
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters'),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().min(1).default('us-east-1'),
    S3_BUCKET: z.string().min(3),
    S3_ACCESS_KEY_ID: z.string().min(1),
    S3_SECRET_ACCESS_KEY: z.string().min(1),
    S3_FORCE_PATH_STYLE: booleanFlag.default(true),
    SMTP_HOST: z.string().min(1),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535),
    SMTP_SECURE: booleanFlag.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASSWORD: z.string().optional(),
    MAIL_FROM: z.string().min(3).default('Mobility Portal <no-reply@mobility.example.edu.cn>'),
    // Web UI of the development mail catcher, linked from the footer in development only.
    MAIL_CATCHER_URL: z.url().optional(),
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(20 * 1024 * 1024),
    // Bytes of a form post that is not an upload (url-encoded); past it the answer is 413.
    FORM_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(1024 * 1024),
    // Failed sign-ins from one address within 15 minutes before it must wait (per account: 5).
    LOGIN_MAX_FAILURES_PER_IP: z.coerce.number().int().positive().default(50),
    OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
    // Days an application may wait at one stage before its reviewers get a reminder.
    REVIEW_REMINDER_DAYS: z.coerce.number().int().positive().default(5),

    // Campus sign-on (统一身份认证): CAS, OpenID Connect, either, both or neither (README, decision 19).
    // Set CAS_BASE_URL to turn CAS on; OIDC_ISSUER (with the client id and secret) to turn OIDC on.
    CAS_BASE_URL: identityProviderUrl().optional(),
    // The portal's service URL as registered with the CAS server; default APP_URL + /auth/cas.
    CAS_SERVICE_URL: z.url().optional(),
    CAS_ATTRIBUTE_STUDENT_NUMBER: z.string().min(1).optional(), // unset: the CAS user name
    CAS_ATTRIBUTE_NAME: z.string().min(1).default('cn'),
    CAS_ATTRIBUTE_NAME_EN: z.string().min(1).optional(), // unset: the name above
    CAS_ATTRIBUTE_EMAIL: z.string().min(1).default('mail'),
    CAS_ATTRIBUTE_COLLEGE: z.string().min(1).default('collegeCode'),
    CAS_ATTRIBUTE_LEVEL: z.string().min(1).default('studentType'),
    OIDC_ISSUER: identityProviderUrl().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    // The redirect URL as registered with the provider; default APP_URL + /auth/oidc/callback.
    OIDC_REDIRECT_URL: z.url().optional(),
    OIDC_SCOPES: z.string().min(1).default('openid profile email'),
    OIDC_CLAIM_STUDENT_NUMBER: z.string().min(1).default('preferred_username'),
    OIDC_CLAIM_NAME: z.string().min(1).default('name'),
    OIDC_CLAIM_NAME_EN: z.string().min(1).optional(),
    OIDC_CLAIM_EMAIL: z.string().min(1).default('email'),
    OIDC_CLAIM_COLLEGE: z.string().min(1).default('college_code'),
    OIDC_CLAIM_LEVEL: z.string().min(1).default('student_level'),
    // Level values of the university's own (e.g. "本科生=undergraduate;硕士研究生=master"); the keys and
    // the portal's labels in either language are always understood.
    CAMPUS_LEVEL_VALUES: z.string().optional(),
    // Seconds of clock difference tolerated in ID tokens' times.
    CAMPUS_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).max(600).default(60),
    // false: students sign in only through the campus sign-on (staff and external accounts keep passwords).
    PASSWORD_SIGN_IN_STUDENTS: booleanFlag.default(true),
  })
  .superRefine((v, ctx) => {
    if (v.OIDC_ISSUER && (!v.OIDC_CLIENT_ID || !v.OIDC_CLIENT_SECRET)) {
      ctx.addIssue({ code: 'custom', path: ['OIDC_CLIENT_ID'], message: 'OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET' })
    }
  })

export type Env = z.infer<typeof schema>

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment variables:\n${lines.join('\n')}\nSee .env.example.`)
  }
  return result.data
}

let cached: Env | undefined
export function env(): Env {
  cached ??= parseEnv(process.env)
  return cached
}

export function appUrl(): string {
  const e = env()
  return e.APP_URL ?? `http://localhost:${e.PORT}`
}
