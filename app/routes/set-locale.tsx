import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getOptionalUser, safeRedirect } from '~/lib/auth.server'
import { localeCookie } from '~/lib/locale.server'
import { setUserLocale } from '~/models/user.server'
import { isLocale } from '~/i18n'
import { readForm } from '~/lib/form.server'

// The language switch: remembered on the account when signed in, in a cookie otherwise.
export async function action({ request }: ActionFunctionArgs) {
  const form = await readForm(request)
  const locale = form.get('locale')
  const back = safeRedirect(form.get('redirectTo'), '/')
  if (!isLocale(locale)) return redirect(back)
  const user = await getOptionalUser(request)
  if (user) await setUserLocale(user.id, locale)
  return redirect(back, { headers: { 'Set-Cookie': await localeCookie.serialize(locale) } })
}

export const loader = () => redirect('/')
