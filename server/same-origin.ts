import type { RequestHandler } from 'express'

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
  const host = req.get('x-forwarded-host') ?? req.get('host')
  if (originHost !== host) return void res.status(403).send('Forbidden: cross-site request')
  next()
}
