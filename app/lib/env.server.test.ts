import { describe, expect, it } from 'vitest'
import { parseEnv } from './env.server'

const minimal = {
  DATABASE_URL: 'postgresql://u:p@db.example:5432/mobility',
  SESSION_SECRET: 'x'.repeat(32),
  S3_BUCKET: 'documents',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'secret',
  SMTP_HOST: 'smtp.example',
  SMTP_PORT: '587',
}

describe('parseEnv', () => {
  it('fills defaults for everything optional', () => {
    const env = parseEnv(minimal)
    expect(env.PORT).toBe(3000)
    expect(env.UPLOAD_MAX_BYTES).toBe(20 * 1024 * 1024)
    expect(env.S3_FORCE_PATH_STYLE).toBe(true)
    expect(env.SMTP_SECURE).toBe(false)
  })

  it('names each bad or missing variable', () => {
    const run = (over: Record<string, string | undefined>) => () => parseEnv({ ...minimal, ...over })
    expect(run({ DATABASE_URL: 'mysql://x/y' })).toThrow(/DATABASE_URL/)
    expect(run({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/)
    expect(run({ SMTP_PORT: 'abc' })).toThrow(/SMTP_PORT/)
    expect(run({ S3_BUCKET: undefined })).toThrow(/S3_BUCKET/)
    expect(run({ SMTP_SECURE: 'yes' })).toThrow(/SMTP_SECURE/)
  })

  it('takes the campus sign-on from https providers only (http on this machine), OIDC with its client', () => {
    const run = (over: Record<string, string | undefined>) => () => parseEnv({ ...minimal, ...over })
    expect(parseEnv(minimal)).toMatchObject({ PASSWORD_SIGN_IN_STUDENTS: true, CAMPUS_CLOCK_SKEW_SECONDS: 60, CAS_ATTRIBUTE_NAME: 'cn' })
    expect(parseEnv({ ...minimal, CAS_BASE_URL: 'https://cas.example.edu.cn/cas' }).CAS_BASE_URL).toBe('https://cas.example.edu.cn/cas')
    expect(parseEnv({ ...minimal, CAS_BASE_URL: 'http://127.0.0.1:8443/cas' }).CAS_BASE_URL).toBe('http://127.0.0.1:8443/cas')
    expect(run({ CAS_BASE_URL: 'http://cas.example.edu.cn/cas' })).toThrow(/CAS_BASE_URL: must be an https address/)
    expect(run({ OIDC_ISSUER: 'https://idp.example.edu.cn' })).toThrow(
      /OIDC_CLIENT_ID: OIDC_ISSUER needs OIDC_CLIENT_ID and OIDC_CLIENT_SECRET/,
    )
    expect(run({ PASSWORD_SIGN_IN_STUDENTS: 'no' })).toThrow(/PASSWORD_SIGN_IN_STUDENTS/)
    expect(parseEnv({ ...minimal, PASSWORD_SIGN_IN_STUDENTS: 'false' }).PASSWORD_SIGN_IN_STUDENTS).toBe(false)
  })
})
