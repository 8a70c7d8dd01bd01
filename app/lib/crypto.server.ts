import crypto from 'node:crypto'

/** A random token for a cookie or a link; only its hash is stored. */
export const randomToken = () => crypto.randomBytes(32).toString('base64url')
export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex')
