import { createCookie } from '@remix-run/node'
import { isLocale, type Locale } from '~/i18n'

// The language of a visitor who is not signed in; a signed-in user's choice is kept on the account.
export const localeCookie = createCookie('mp_lang', {
  path: '/',
  sameSite: 'lax',
  httpOnly: true,
  maxAge: 365 * 24 * 3600,
})

export async function cookieLocale(request: Request): Promise<Locale | null> {
  const value = await localeCookie.parse(request.headers.get('Cookie'))
  return isLocale(value) ? value : null
}
