// The campus sign-on's pure rules: reading a CAS server's answers (ticket validation, single-logout
// requests), turning a CAS user's attributes or an OpenID Connect ID token's claims into the
// portal's profile through the configured mapping, and who may still sign in with a password.
import { levels, type Role, type StudentLevel } from './roles'

export type CampusSource = 'cas' | 'oidc'

/** Attributes or claims by name; CAS may release several values for one name. */
export type CampusAttributes = Record<string, string | string[] | undefined>

/** Which attribute (CAS) or claim (OIDC) holds each of the portal's fields; null: the subject itself. */
export type AttributeMapping = {
  studentNumber: string | null
  name: string
  nameEn: string | null
  email: string
  college: string
  level: string
}

/** What the university says about the person signing in. */
export type CampusProfile = {
  subject: string
  studentNumber: string | null
  nameZh: string
  nameEn: string
  email: string | null
  collegeCode: string | null
  level: StudentLevel | null
}

// ---- CAS protocol 3 answers -------------------------------------------------------------------

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_m, entity: string) => {
    if (entity[0] !== '#') return XML_ENTITIES[entity.toLowerCase()]
    const code = entity[1].toLowerCase() === 'x' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10)
    return String.fromCodePoint(code)
  })
}

/** The text of `<prefix:name>…</prefix:name>`, whatever the namespace prefix, or null. */
function element(xml: string, name: string): string | null {
  const match = new RegExp(`<(?:[\\w-]+:)?${name}(?:\\s[^>]*)?>([\\s\\S]*?)</(?:[\\w-]+:)?${name}>`).exec(xml)
  return match ? match[1] : null
}

export type CasValidation = { ok: true; user: string; attributes: CampusAttributes } | { ok: false; code: string }

/**
 * Reads a `serviceValidate` (protocol 2 or 3) answer: the user and the attributes under
 * `<cas:attributes>`, a repeated attribute as a list. Anything but `authenticationSuccess` is a
 * failure with the server's code (INVALID_TICKET for a ticket used before).
 */
export function parseCasValidation(xml: string): CasValidation {
  const success = element(xml, 'authenticationSuccess')
  if (success === null) {
    const code = /<(?:[\w-]+:)?authenticationFailure[^>]*\scode="([^"]*)"/.exec(xml)?.[1]
    return { ok: false, code: code ?? 'INVALID_RESPONSE' }
  }
  const user = unescapeXml(element(success, 'user') ?? '').trim()
  if (!user) return { ok: false, code: 'INVALID_RESPONSE' }
  const attributes: Record<string, string | string[]> = {}
  const block = element(success, 'attributes') ?? ''
  for (const [, name, value] of block.matchAll(/<(?:[\w-]+:)?([\w.-]+)(?:\s[^>]*)?>([^<]*)<\/(?:[\w-]+:)?\1>/g)) {
    const text = unescapeXml(value).trim()
    const earlier = attributes[name]
    attributes[name] = earlier === undefined ? text : [...(Array.isArray(earlier) ? earlier : [earlier]), text]
  }
  return { ok: true, user, attributes }
}

/** The service ticket a CAS single-logout request names (`<samlp:SessionIndex>`), or null. */
export function casLogoutSessionIndex(logoutRequest: string): string | null {
  if (!/<(?:[\w-]+:)?LogoutRequest[\s>]/.test(logoutRequest)) return null
  const index = unescapeXml(element(logoutRequest, 'SessionIndex') ?? '').trim()
  return index && index.length <= 256 ? index : null
}

// ---- mapping attributes to the portal's profile -----------------------------------------------

const first = (value: string | string[] | undefined): string | null => {
  const v = (Array.isArray(value) ? value[0] : value)?.trim()
  return v ? v : null
}

/** Words a university's systems use for the levels, besides the portal's own keys. */
const LEVEL_WORDS: Record<string, StudentLevel> = {
  本科: 'undergraduate',
  本科生: 'undergraduate',
  硕士: 'master',
  硕士研究生: 'master',
  硕士生: 'master',
  博士: 'doctoral',
  博士研究生: 'doctoral',
  博士生: 'doctoral',
  bachelor: 'undergraduate',
  'doctoral student': 'doctoral',
  phd: 'doctoral',
}

/** Reads "本科生=undergraduate;硕士研究生=master" (CAMPUS_LEVEL_VALUES) into a lookup. */
export function parseLevelValues(setting: string | undefined): Record<string, StudentLevel> {
  const lookup: Record<string, StudentLevel> = {}
  for (const pair of (setting ?? '').split(/[;；\n]/)) {
    const [word, level] = pair.split('=').map((s) => s.trim())
    if (word && (levels as readonly string[]).includes(level)) lookup[word.toLowerCase()] = level as StudentLevel
  }
  return lookup
}

/** A level from what the university sends: the key, a configured word, or a common Chinese or English word. */
export function campusLevel(value: string | null, configured: Record<string, StudentLevel>): StudentLevel | null {
  if (!value) return null
  const word = value.trim().toLowerCase()
  if ((levels as readonly string[]).includes(word)) return word as StudentLevel
  return configured[word] ?? LEVEL_WORDS[word] ?? null
}

/** The portal's profile of a campus identity, through the configured mapping. */
export function campusProfile(
  subject: string,
  attributes: CampusAttributes,
  mapping: AttributeMapping,
  levelWords: Record<string, StudentLevel> = {},
): CampusProfile {
  const read = (name: string | null) => (name === null ? subject : first(attributes[name]))
  const nameZh = read(mapping.name) ?? subject
  return {
    subject,
    studentNumber: read(mapping.studentNumber),
    nameZh,
    nameEn: (mapping.nameEn && read(mapping.nameEn)) || nameZh,
    email: read(mapping.email)?.toLowerCase() ?? null,
    collegeCode: read(mapping.college)?.toUpperCase() ?? null,
    level: campusLevel(read(mapping.level), levelWords),
  }
}

/**
 * Whether an account may sign in with the portal's own password: staff and external accounts
 * always; students only while the university lets them (PASSWORD_SIGN_IN_STUDENTS).
 */
export function passwordSignInAllowed(roles: readonly Role[], studentsMayUsePasswords: boolean): boolean {
  return studentsMayUsePasswords || roles.some((r) => r !== 'student')
}
