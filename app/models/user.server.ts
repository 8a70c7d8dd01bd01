import type { z } from 'zod'
import { refuse, refuseFields, type Result } from '~/domain/result'
import type { Role } from '~/domain/roles'
import { type Prisma } from '~/generated/prisma/client'
import { isUniqueViolation } from '~/lib/bulk-insert.server'
import { recordAudit } from '~/lib/audit.server'
import { insertRows } from '~/lib/bulk-insert.server'
import { randomToken, sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { appUrl, env } from '~/lib/env.server'
import { enqueueEmail } from '~/lib/outbox.server'
import { hashPassword, verifyPassword } from '~/lib/password.server'
import { fromDbLocale, toDbLocale, type Locale } from '~/i18n'
import type { signupSchema } from '~/schemas/auth'

export const LOGIN_WINDOW_MINUTES = 15
export const MAX_FAILURES_PER_ACCOUNT = 5
export const RESET_TOKEN_MINUTES = 30

type SignupInput = z.infer<typeof signupSchema>

/** How long the link that confirms a sign-up stays valid. */
export const SIGNUP_CONFIRM_HOURS = 24

/**
 * A student signs up: the answer is "check your email" whether or not the address already has an
 * account, so the form does not tell who has one. A new address gets a link that creates the
 * account (confirmSignup); the owner of a taken address gets an email saying so instead, with the
 * ways to sign in, and nothing is created. Both cost the same slow hash.
 *
 * A taken student number is still refused, on its field: the account cannot be made, and the
 * student has to know. It is checked before the email is looked at, and the same for every email,
 * so it tells nothing about the address.
 */
export async function signUpStudent(input: SignupInput, locale: Locale): Promise<Result> {
  const college = await prisma.college.findFirst({ where: { id: input.collegeId, retiredAt: null } })
  if (!college) return refuseFields({ collegeId: 'signup.unknownCollege' })
  const passwordHash = await hashPassword(input.password)
  return prisma.$transaction(async (tx): Promise<Result> => {
    if (await tx.user.count({ where: { studentNumber: input.studentNumber } }))
      return refuseFields({ studentNumber: 'signup.studentNumberTaken' })
    const owner = await tx.user.findUnique({ where: { email: input.email } })
    if (owner) {
      if (!owner.deactivatedAt) {
        const ownerLocale = fromDbLocale(owner.locale)
        await enqueueEmail(tx, {
          template: 'signup-existing-account',
          to: owner.email,
          locale: ownerLocale,
          payload: {
            name: ownerLocale === 'en' ? owner.nameEn : owner.nameZh,
            loginUrl: `${appUrl()}/login`,
            forgotPasswordUrl: `${appUrl()}/forgot-password`,
          },
        })
      }
      return { ok: true }
    }
    const token = randomToken()
    await tx.pendingSignup.create({
      data: {
        tokenHash: sha256(token),
        email: input.email,
        passwordHash,
        nameZh: input.nameZh,
        nameEn: input.nameEn,
        studentNumber: input.studentNumber,
        collegeId: college.id,
        level: input.level,
        locale: toDbLocale(locale),
        expiresAt: new Date(Date.now() + SIGNUP_CONFIRM_HOURS * 3600_000),
      },
    })
    await enqueueEmail(tx, {
      template: 'signup-confirmation',
      to: input.email,
      locale,
      payload: {
        name: locale === 'en' ? input.nameEn : input.nameZh,
        confirmUrl: `${appUrl()}/signup/confirm?token=${token}`,
        hours: SIGNUP_CONFIRM_HOURS,
      },
    })
    return { ok: true }
  })
}

const findPendingSignup = (token: string) =>
  prisma.pendingSignup.findFirst({ where: { tokenHash: sha256(token), expiresAt: { gt: new Date() } } })

export async function isSignupTokenUsable(token: string): Promise<boolean> {
  return !!(await findPendingSignup(token))
}

/** The new account, or refused in the confirmation page's words (signupConfirm.*). */
export type ConfirmSignupResult = Result<{ userId: string }>

/**
 * Follows a sign-up's emailed link: creates the student account from it, once. The link is spent
 * whatever the outcome; the address's other pending sign-ups go with it once the account exists.
 * Whoever holds the link owns the address, so they may be told that it, or the student number,
 * was registered in the meantime.
 */
export async function confirmSignup(token: string): Promise<ConfirmSignupResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<ConfirmSignupResult> => {
      const pending = await tx.pendingSignup.findFirst({ where: { tokenHash: sha256(token), expiresAt: { gt: new Date() } } })
      if (!pending) return refuse('signupConfirm.invalidToken')
      // One confirmation per address at a time: two links to one address confirmed at once would
      // otherwise each hold its own pending row while deleting the other's (a deadlock).
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sign-up address'), hashtext(${pending.email}))`
      // Spent by a conditional delete: of two uses at once, one finds nothing left to delete.
      if ((await tx.pendingSignup.deleteMany({ where: { id: pending.id } })).count !== 1) return refuse('signupConfirm.invalidToken')
      if (!(await tx.college.count({ where: { id: pending.collegeId, retiredAt: null } }))) return refuse('signupConfirm.unknownCollege')
      const taken = await takenBy(tx, pending)
      if (taken) return refuse(taken)
      const { id: _id, tokenHash: _hash, expiresAt: _expires, createdAt: _created, ...account } = pending
      const created = await tx.user.create({ data: { ...account, roles: ['student'] } })
      await tx.pendingSignup.deleteMany({ where: { email: created.email } })
      await recordAudit(tx, {
        actorId: created.id,
        action: 'user.signup',
        entityType: 'user',
        entityId: created.id,
        after: { email: created.email, studentNumber: created.studentNumber, collegeId: created.collegeId, level: created.level },
      })
      return { ok: true, userId: created.id }
    })
  } catch (error) {
    if (!isUniqueViolation(error)) throw error
    // Taken by a sign-up confirmed at the same moment: the transaction rolled back, so spend the
    // link now, then say which was taken.
    const pending = await prisma.pendingSignup.findUnique({ where: { tokenHash: sha256(token) } })
    await prisma.pendingSignup.deleteMany({ where: { tokenHash: sha256(token) } })
    return refuse((pending && (await takenBy(prisma, pending))) || 'signupConfirm.emailTaken')
  }
}

/** Whether the address, or else the student number, of a pending sign-up has an account by now. */
async function takenBy(db: Prisma.TransactionClient, pending: { email: string; studentNumber: string }) {
  if (await db.user.count({ where: { email: pending.email } })) return 'signupConfirm.emailTaken' as const
  if (await db.user.count({ where: { studentNumber: pending.studentNumber } })) return 'signupConfirm.studentNumberTaken' as const
  return null
}

/** Signed in, or refused: login.invalid, login.locked (for LOGIN_WINDOW_MINUTES) or login.deactivated. */
export type LoginResult = Result<{ userId: string; roles: Role[] }>

/**
 * Checks a password, counting failures per account and per IP in the database (so the limit
 * holds across app instances). The attempt is recorded before the password is checked, one
 * request at a time per account and per address (see reserveAttempt), so guesses sent in parallel
 * cannot all pass the count before any of them is recorded: at most MAX_FAILURES_PER_ACCOUNT
 * guesses at an account, and LOGIN_MAX_FAILURES_PER_IP from an address, are ever checked within
 * the window. A successful sign-in clears the account's record.
 *
 * Every answer costs one password verification of the same cost (verifyPassword), the locked one
 * included: its timing tells nothing about the account.
 */
export async function authenticate(email: string, password: string, ip: string): Promise<LoginResult> {
  if (!(await reserveAttempt(email, ip))) {
    await verifyPassword(null, password)
    return refuse('login.locked', { minutes: LOGIN_WINDOW_MINUTES })
  }
  const user = await prisma.user.findUnique({ where: { email } })
  const valid = await verifyPassword(user?.passwordHash, password)
  if (!user || !valid) return refuse('login.invalid') // the reserved attempt stays: a failure
  if (user.deactivatedAt) return refuse('login.deactivated')
  await prisma.loginAttempt.deleteMany({ where: { email } })
  return { ok: true, userId: user.id, roles: user.roles }
}

/**
 * Records a sign-in attempt when the account and the address are both under their limits, and
 * says whether it did. Transaction-scoped advisory locks make this one at a time per account and
 * per address (always taken in that order, so two attempts never wait on each other); the slow
 * hash runs after, outside the transaction, so no connection is held during it.
 */
async function reserveAttempt(email: string, ip: string): Promise<boolean> {
  const since = new Date(Date.now() - LOGIN_WINDOW_MINUTES * 60_000)
  return prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sign-in account'), hashtext(${email}))`
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('sign-in address'), hashtext(${ip}))`
    const byAccount = await tx.loginAttempt.count({ where: { email, createdAt: { gte: since } } })
    const byIp = await tx.loginAttempt.count({ where: { ip, createdAt: { gte: since } } })
    if (byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= env().LOGIN_MAX_FAILURES_PER_IP) return false
    await tx.loginAttempt.create({ data: { email, ip } })
    return true
  })
}

export async function setUserLocale(userId: string, locale: Locale) {
  await prisma.user.update({ where: { id: userId }, data: { locale: toDbLocale(locale) } })
}

/**
 * Emails a single-use reset link when the address belongs to an active account. The caller shows
 * the same answer either way, so the form does not reveal who has an account.
 */
export async function requestPasswordReset(email: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email } })
  if (!user || user.deactivatedAt) return
  await prisma.$transaction(async (tx) => {
    const token = await createResetToken(tx, user.id, RESET_TOKEN_MINUTES)
    await recordAudit(tx, { actorId: user.id, action: 'user.password_reset_requested', entityType: 'user', entityId: user.id })
    await enqueueEmail(tx, {
      template: 'password-reset',
      to: user.email,
      locale: user.locale === 'en' ? 'en' : 'zh-CN',
      payload: {
        name: user.locale === 'en' ? user.nameEn : user.nameZh,
        resetUrl: `${appUrl()}/reset-password?token=${token}`,
        minutes: RESET_TOKEN_MINUTES,
      },
    })
  })
}

/** How long the "set your password" link of an invited account (new staff, imported students) stays valid. */
export const INVITATION_DAYS = 7

/**
 * How a password link's token is stored and found: its SHA-256. The token is 256 random bits, so
 * nobody can guess it from the hash and a slow password hash would add nothing but cost (one per
 * invited student of a 5,000-row import). Issuing and every check use this, and only this.
 */
const passwordTokenHash = (token: string) => sha256(token)

/** The stored row of a password link's token, if there is one (used, expired or not). */
const findPasswordToken = (db: Prisma.TransactionClient, token: string) =>
  db.passwordResetToken.findUnique({ where: { tokenHash: passwordTokenHash(token) } })

/**
 * Single-use link tokens that set an account's password (see resetPassword), one per user id, in
 * order: for a reset, or for invited accounts that never had one. Only their hashes are stored.
 */
export async function issuePasswordTokens(tx: Prisma.TransactionClient, userIds: string[], validForMs: number): Promise<string[]> {
  const expiresAt = new Date(Date.now() + validForMs)
  const tokens = userIds.map(() => randomToken())
  await insertRows(
    tx,
    'PasswordResetToken',
    userIds.map((userId, i) => ({ userId, tokenHash: passwordTokenHash(tokens[i]), expiresAt })),
  )
  return tokens
}

/** A single-use token for /reset-password (only its hash is stored), valid for `minutes`. */
export async function createResetToken(tx: Prisma.TransactionClient, userId: string, minutes: number): Promise<string> {
  const [token] = await issuePasswordTokens(tx, [userId], minutes * 60_000)
  return token
}

/**
 * Locks a student's applications, in id order, before their names or student number change in
 * this transaction: the change's trigger then writes each application's copy of them (decision 42)
 * on rows it already holds. Taken the other way round, a rename would hold the student's row and
 * wait for an application that a status change holds while it waits for the student's row (the
 * counts' share lock, decision 29): a deadlock, and one of the two would fail. An erasure locks
 * the applications first too (deletion-request.server.ts).
 */
export async function lockApplicationsToRename(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "Application" WHERE "applicantId" = ${userId} ORDER BY id FOR NO KEY UPDATE`
}

/**
 * Revokes every password link of the account that has not been used: reset links and invitations
 * alike. Called whenever the password is set (a link used) and when the account is deactivated,
 * so an older link, or one issued before the account was closed, cannot set a password later.
 */
export async function revokePasswordTokens(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  await tx.passwordResetToken.deleteMany({ where: { userId, usedAt: null } })
}

export async function isResetTokenUsable(token: string): Promise<boolean> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { tokenHash: passwordTokenHash(token) },
    select: { usedAt: true, expiresAt: true, user: { select: { deactivatedAt: true } } },
  })
  return !!row && !row.usedAt && row.expiresAt > new Date() && !row.user.deactivatedAt
}

/**
 * Whether the link's account has never had a password of its owner's choosing: made by an
 * administrator, an import or the campus sign-on, and neither signed up with a password nor reset
 * one since. Using the link then sets a first password (the login page says so), not a reset.
 */
export async function isFirstPassword(token: string): Promise<boolean> {
  const row = await findPasswordToken(prisma, token)
  if (!row) return false
  const chosen = await prisma.auditEvent.count({
    where: { entityType: 'user', entityId: row.userId, action: { in: ['user.signup', 'user.password_reset'] } },
  })
  return chosen === 0
}

/**
 * Sets a new password with a reset token, for an account that is not deactivated. The account's
 * row is locked first, so a deactivation or another link of the same account used at the same
 * moment waits; the token is then spent with a conditional update, and every other outstanding
 * link of the account is revoked. Every session of the account ends.
 */
export async function resetPassword(token: string, password: string): Promise<boolean> {
  // Hashing is deliberately slow: not for a token that does not exist (anyone can post one).
  if (!(await findPasswordToken(prisma, token))) return false
  const passwordHash = await hashPassword(password)
  return prisma.$transaction(async (tx) => {
    const row = await findPasswordToken(tx, token)
    if (!row) return false
    const [account] = await tx.$queryRaw<{ deactivatedAt: Date | null }[]>`
      SELECT "deactivatedAt" FROM "User" WHERE id = ${row.userId} FOR UPDATE`
    if (!account || account.deactivatedAt) return false
    const spent = await tx.passwordResetToken.updateMany({
      where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
    })
    if (spent.count !== 1) return false
    await revokePasswordTokens(tx, row.userId)
    const user = await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: row.userId } })
    await tx.loginAttempt.deleteMany({ where: { email: user.email } })
    await recordAudit(tx, { actorId: row.userId, action: 'user.password_reset', entityType: 'user', entityId: row.userId })
    return true
  })
}
