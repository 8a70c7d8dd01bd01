// Accounts from the campus sign-on (CAS or OpenID Connect). The university vouches for who signs
// in; the portal keeps who may do what. On the first sign-in of a student an account is made from
// the identity's attributes, with the college found by its code; each later sign-in updates them.
// Where the university's imported student record exists, its college and level win over the
// attributes. Staff accounts are made in the portal (invited by an administrator) and matched by
// their email: their roles stay the portal's. A deactivated account stays out, whatever the
// identity provider says.
import {
  campusProfile,
  parseLevelValues,
  passwordSignInAllowed,
  type CampusAttributes,
  type CampusProfile,
  type CampusSource,
} from '~/domain/campus-identity'
import type { Role } from '~/domain/roles'
import { recordAudit } from '~/lib/audit.server'
import { isUniqueViolation } from '~/lib/bulk-insert.server'
import { casAttributeMapping, casEnabled, casLogoutUrl, validateCasTicket } from '~/lib/cas.server'
import { sha256 } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { env } from '~/lib/env.server'
import { lockApplicationsToRename } from '~/models/user.server'
import { finishOidcSignIn, oidcAttributeMapping, oidcEnabled, oidcLogoutUrl } from '~/lib/oidc.server'

/** Never verifies: a campus account signs in through the university, not with a portal password. */
const CAMPUS_PASSWORD_HASH = '!campus'

type CampusSignInResult =
  { ok: true; userId: string; roles: Role[] } | { ok: false; reason: 'deactivated' | 'noStudentNumber' | 'noEmail' | 'conflict' }

/** Why a campus sign-in was refused: the message key `campus.error.<reason>` says it to the person. */
export const campusErrors = [
  'deactivated',
  'noStudentNumber',
  'noEmail',
  'conflict',
  'replayedTicket',
  'invalidTicket',
  'unavailable',
  'state',
  'denied',
  'failed',
] as const
export type CampusError = (typeof campusErrors)[number]

/** What the sign-in page offers. */
export function signInOptions() {
  return { cas: casEnabled(), oidc: oidcEnabled(), studentPasswords: env().PASSWORD_SIGN_IN_STUDENTS }
}

/** Whether an account with these roles may sign in with a portal password (PASSWORD_SIGN_IN_STUDENTS). */
export function mayUsePassword(roles: readonly Role[]): boolean {
  return passwordSignInAllowed(roles, env().PASSWORD_SIGN_IN_STUDENTS)
}

type SignIn = { ok: true; userId: string; roles: Role[]; campusSessionIndex: string } | { ok: false; error: CampusError }

/**
 * The CAS server sent the browser back with a service ticket: the ticket is claimed (a replay is
 * refused), validated once with the CAS server, and its identity signed in. The session keeps the
 * ticket as its index, which the CAS server's single-logout request names.
 */
export async function signInWithCasTicket(ticket: string): Promise<SignIn> {
  if (!(await claimCasTicket(ticket))) return { ok: false, error: 'replayedTicket' }
  const validation = await validateCasTicket(ticket)
  if (!validation.ok)
    return { ok: false, error: validation.code === 'UNREACHABLE' || validation.code.startsWith('HTTP_') ? 'unavailable' : 'invalidTicket' }
  const result = await signInWithCampusIdentity('cas', profileFrom('cas', validation.user, validation.attributes))
  return result.ok ? { ...result, campusSessionIndex: `cas:${ticket}` } : { ok: false, error: result.reason }
}

/** The OpenID provider sent the browser back: state, code, ID token and nonce checked, then signed in. */
export async function signInWithOidcCallback(request: Request): Promise<SignIn> {
  const answer = await finishOidcSignIn(request)
  if (!answer.ok) return { ok: false, error: answer.reason }
  const result = await signInWithCampusIdentity('oidc', profileFrom('oidc', answer.subject, answer.claims))
  return result.ok ? { ...result, campusSessionIndex: `oidc:${answer.sid ?? answer.subject}` } : { ok: false, error: result.reason }
}

/** Where signing out continues for a session of the campus sign-on: the provider's own sign-out. */
export async function campusSignOutUrl(campusSessionIndex: string | null): Promise<string | null> {
  if (campusSessionIndex?.startsWith('cas:') && casEnabled()) return casLogoutUrl()
  if (campusSessionIndex?.startsWith('oidc:') && oidcEnabled()) return oidcLogoutUrl()
  return null
}

/**
 * Marks a CAS service ticket as presented. True the first time only: a ticket replayed to the
 * portal is refused here, before the CAS server is asked, whatever the server would answer.
 */
async function claimCasTicket(ticket: string): Promise<boolean> {
  try {
    await prisma.campusTicket.create({ data: { ticketHash: sha256(ticket) } })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

/** The portal's profile of an identity from `source`, through that source's configured mapping. */
function profileFrom(source: CampusSource, subject: string, attributes: CampusAttributes): CampusProfile {
  const mapping = source === 'cas' ? casAttributeMapping() : oidcAttributeMapping()
  return campusProfile(subject, attributes, mapping, parseLevelValues(env().CAMPUS_LEVEL_VALUES))
}

/**
 * Signs a campus identity in: finds its account (by the identity, else by student number, else by
 * email), makes one for a new student, brings the university's values up to date, and refuses a
 * deactivated account. One identity at a time (an advisory lock), so two first sign-ins of the same
 * person at once make one account.
 */
async function signInWithCampusIdentity(source: CampusSource, profile: CampusProfile): Promise<CampusSignInResult> {
  try {
    return await prisma.$transaction(async (tx): Promise<CampusSignInResult> => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('campus identity'), hashtext(${`${source}:${profile.subject}`}))`
      const account =
        (await tx.user.findUnique({ where: { identitySource_campusId: { identitySource: source, campusId: profile.subject } } })) ??
        (profile.studentNumber ? await tx.user.findUnique({ where: { studentNumber: profile.studentNumber } }) : null) ??
        (profile.email ? await tx.user.findUnique({ where: { email: profile.email } }) : null)
      if (account?.deactivatedAt) return { ok: false, reason: 'deactivated' }

      const staff = !!account && account.roles.some((r) => r !== 'student')
      if (staff) {
        // Staff: the identity is linked and the name kept current; roles, college and email stay the portal's.
        if (account.nameZh !== profile.nameZh || account.nameEn !== profile.nameEn) await lockApplicationsToRename(tx, account.id)
        const updated = await tx.user.update({
          where: { id: account.id },
          data: { identitySource: source, campusId: profile.subject, nameZh: profile.nameZh, nameEn: profile.nameEn },
        })
        if (!account.campusId) {
          await recordAudit(tx, {
            actorId: updated.id,
            action: 'user.campus_link',
            entityType: 'user',
            entityId: updated.id,
            after: { source },
          })
        }
        return { ok: true, userId: updated.id, roles: updated.roles }
      }

      const studentNumber = profile.studentNumber ?? account?.studentNumber
      if (!studentNumber) return { ok: false, reason: 'noStudentNumber' }
      const email = profile.email ?? account?.email
      if (!email) return { ok: false, reason: 'noEmail' }
      // One after the other: a transaction's one connection runs one query at a time (pg 9 refuses more).
      const record = await tx.studentRecord.findUnique({ where: { studentNumber } })
      const college = profile.collegeCode ? await tx.college.findFirst({ where: { code: profile.collegeCode, retiredAt: null } }) : null
      const university = {
        identitySource: source,
        campusId: profile.subject,
        studentNumber,
        nameZh: profile.nameZh,
        nameEn: profile.nameEn,
        email,
        collegeId: record?.collegeId ?? college?.id ?? account?.collegeId ?? null,
        level: record?.level ?? profile.level ?? account?.level ?? null,
      }
      if (!account) {
        const created = await tx.user.create({ data: { ...university, passwordHash: CAMPUS_PASSWORD_HASH, roles: ['student'] } })
        await recordAudit(tx, {
          actorId: created.id,
          action: 'user.campus_signup',
          entityType: 'user',
          entityId: created.id,
          after: { source, studentNumber, collegeId: created.collegeId, level: created.level },
        })
        return { ok: true, userId: created.id, roles: created.roles }
      }
      const changed = (Object.keys(university) as (keyof typeof university)[]).filter((k) => account[k] !== university[k])
      if (changed.length) {
        if (changed.some((k) => k === 'nameZh' || k === 'nameEn' || k === 'studentNumber')) await lockApplicationsToRename(tx, account.id)
        await tx.user.update({ where: { id: account.id }, data: university })
        await recordAudit(tx, {
          actorId: account.id,
          action: 'user.campus_update',
          entityType: 'user',
          entityId: account.id,
          before: Object.fromEntries(changed.map((k) => [k, account[k]])),
          after: Object.fromEntries(changed.map((k) => [k, university[k]])),
        })
      }
      return { ok: true, userId: account.id, roles: account.roles }
    })
  } catch (error) {
    // The identity's email or student number belongs to another account.
    if (isUniqueViolation(error)) return { ok: false, reason: 'conflict' }
    throw error
  }
}
