import { z } from 'zod'

// Every variable the server reads, validated once at start-up. Development and tests need no
// .env: scripts/dev.ts and the test set-up export the addresses of the services they start.
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1')

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
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
