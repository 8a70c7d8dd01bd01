import { redirect, type LoaderFunctionArgs } from '@remix-run/node'
import { homePath } from '~/domain/roles'
import { getOptionalUser } from '~/lib/auth.server'

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  throw redirect(user ? homePath(user.roles) : '/login')
}
