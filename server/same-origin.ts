import type { Request, RequestHandler } from 'express'

/**
 * The host the browser addressed: the Host header, or X-Forwarded-Host when the request came
 * through a proxy we trust (TRUST_PROXY, Express's `trust proxy`), as Express's req.hostname
 * decides it but with the port kept. Without a trusted proxy anyone may send X-Forwarded-Host:
 * heeding it would let a cross-site post name its own site as ours.
 */
export function requestHost(req: Request): string | undefined {
  const trusted = req.app.get('trust proxy fn') as (address: string | undefined, hop: number) => boolean
  const forwarded = req.get('x-forwarded-host')
  if (forwarded && trusted(req.socket.remoteAddress, 0)) return forwarded.split(',')[0].trim()
  return req.get('host')
}

// CSRF defence in depth next to SameSite=Lax cookies: a state-changing request whose Origin
// names another site is refused before it reaches any action.
export const checkSameOrigin: RequestHandler = (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next()
  const origin = req.get('origin')
  if (!origin) return next() // not a browser: it carries no session cookie to abuse
  let originHost: string
  try {
    originHost = new URL(origin).host
  } catch {
    return void res.status(403).send('Forbidden: bad Origin')
  }
  if (originHost !== requestHost(req)) return void res.status(403).send('Forbidden: cross-site request')
  next()
}
