import { redirect, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useEffect, useMemo, type ReactNode } from 'react'
import { AppShell } from '~/components/app-shell'
import { TranslatorProvider, usePageAreas, useT } from '~/components/i18n'
import { InlineStyles } from '~/components/inline-styles'
import { useNonce } from '~/components/nonce'
import { getOptionalUser, requestLocale } from '~/lib/auth.server'
import { env } from '~/lib/env.server'
import { consentNeeded } from '~/models/privacy-notice.server'
import { hasMessages, pageMessages, translator, type Locale } from '~/i18n'

// The stylesheet is in the page's head (InlineStyles): the first paint waits for no other request.
export const links: LinksFunction = () => [
  // The ICO for browsers without SVG icons (and for the /favicon.ico they ask for by themselves).
  { rel: 'icon', href: '/favicon.ico', sizes: '16x16 32x32 48x48' },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: translator(data?.locale ?? 'zh-CN')('app.name') }]

/** Pages a student who has not consented to the notice in force may still open. */
const WITHOUT_CONSENT = ['/privacy', '/logout', '/set-locale']

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request)
  // PIPL: a student reads the processing notice and consents (the sensitive information apart)
  // before anything else: after sign-up, at the first campus sign-on, and when the notice changes.
  const url = new URL(request.url)
  if (user && !WITHOUT_CONSENT.includes(url.pathname) && (await consentNeeded(user)))
    throw redirect(`/privacy?redirectTo=${encodeURIComponent(url.pathname + url.search)}`)
  const locale = await requestLocale(request, user)
  const { NODE_ENV, MAIL_CATCHER_URL } = env()
  return {
    locale,
    user: user && { name: locale === 'en' ? user.nameEn : user.nameZh, roles: user.roles },
    mailCatcherUrl: NODE_ENV === 'development' ? (MAIL_CATCHER_URL ?? null) : null,
  }
}

const ZOD_WITHOUT_EVAL = 'globalThis.__zod_globalConfig={jitless:true}'

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>('root')
  const nonce = useNonce()
  const locale: Locale = data?.locale ?? 'zh-CN'
  // Only the areas this page's routes declare (handle.messages), so the HTML stays small.
  const areas = usePageAreas()
  const messages = useMemo(() => pageMessages(locale, areas), [locale, areas])
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {/* Before any module: Zod 4 (whose global configuration this is) then never probes for
            eval, which the CSP forbids. The probe was a CSP violation, a DevTools issue, on every
            page with a form (Lighthouse's best practices: 96); the journeys fail on one. */}
        <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ZOD_WITHOUT_EVAL }} />
        <Meta />
        <InlineStyles />
        <Links />
      </head>
      <body>
        <TranslatorProvider locale={locale} areas={areas}>
          {children}
        </TranslatorProvider>
        {/* Data, not code: a JSON script element is never executed. It still carries the nonce,
            so every inline script of the page does. */}
        <script id={messages.id} type="application/json" nonce={nonce} dangerouslySetInnerHTML={{ __html: messages.json }} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const data = useLoaderData<typeof loader>()
  // The browser holds the messages of the language the page was loaded in. When the language
  // changes without a page load (signing in to an account set to the other language), reload.
  useEffect(() => {
    if (!hasMessages(data.locale)) window.location.reload()
  }, [data.locale])
  return (
    <AppShell user={data.user} mailCatcherUrl={data.mailCatcherUrl}>
      <Outlet />
    </AppShell>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const data = useRouteLoaderData<typeof loader>('root')
  const t = useT()
  const status = isRouteErrorResponse(error) ? error.status : 500
  const [title, body] =
    status === 403
      ? [t('error.forbidden.title'), t('error.forbidden.body')]
      : status === 404
        ? [t('error.notFound.title'), t('error.notFound.body')]
        : [t('error.generic.title'), t('error.generic.body')]
  if (status >= 500) console.error(error)
  return (
    <AppShell user={data?.user ?? null} mailCatcherUrl={data?.mailCatcherUrl ?? null}>
      <section className="card error-page" data-status={status}>
        <p className="error-code">{status}</p>
        <h1>{title}</h1>
        <p>{body}</p>
        <a href="/" className="button">
          {t('error.backHome')}
        </a>
      </section>
    </AppShell>
  )
}
