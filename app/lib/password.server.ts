import { hash, verify } from '@node-rs/argon2'

// argon2id with the library's defaults (19 MiB, 2 passes): OWASP's recommended minimum.
export const hashPassword = (password: string) => hash(password)

// Verified against when there is no usable hash, so that every answer costs one real verification.
let dummy: Promise<string> | undefined
const dummyHash = () => (dummy ??= hash('not-a-real-password'))

/**
 * Checks a password against a stored hash. Every call costs one argon2 verification of the same
 * parameters, whatever the hash: none (an unknown email, a locked account), or one that cannot
 * verify (an imported account that never chose a password) is checked against a dummy hash and
 * refused. Otherwise the time of the answer would tell those accounts apart.
 */
export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  const usable = !!passwordHash && passwordHash.startsWith('$argon2')
  try {
    const valid = await verify(usable ? passwordHash : await dummyHash(), password)
    return usable && valid
  } catch {
    return false
  }
}
