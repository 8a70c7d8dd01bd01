import { Form, Link, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import { homePath, navigation, type Role } from '~/domain/roles'
import { useLocale, useT } from './i18n'

type ShellUser = { name: string; roles: Role[] } | null

export function AppShell({ user, mailCatcherUrl, children }: { user: ShellUser; mailCatcherUrl: string | null; children: ReactNode }) {
  const t = useT()
  const locale = useLocale()
  const location = useLocation()
  const here = location.pathname + location.search
  // On a phone the menu closes once a link in it has been followed (without JavaScript every
  // navigation loads a new page, which starts closed).
  // Not when the page first hydrates: a menu opened before then stays open.
  const menuToggle = useRef<HTMLInputElement>(null)
  const shownKey = useRef(location.key)
  useEffect(() => {
    if (shownKey.current === location.key) return
    shownKey.current = location.key
    if (menuToggle.current) menuToggle.current.checked = false
  }, [location.key])
  return (
    <div className="shell">
      <header className="topbar">
        <Link to={user ? homePath(user.roles) : '/'} className="brand">
          <span className="brand-mark" aria-hidden="true">
            ✈
          </span>
          <span>{t('app.name')}</span>
        </Link>
        {/* A checkbox opens the menu on narrow screens, so it works before JavaScript loads. */}
        <input ref={menuToggle} type="checkbox" id="menu-toggle" className="menu-toggle" autoComplete="off" />
        <label htmlFor="menu-toggle" className="menu-button" aria-label={t('nav.menu')}>
          ☰
        </label>
        <nav className="nav" aria-label={t('nav.menu')}>
          {user ? (
            <>
              {navigation(user.roles).map((item) => (
                <NavLink key={item.to} to={item.to}>
                  {t(item.label as Parameters<typeof t>[0])}
                </NavLink>
              ))}
              <span className="nav-user" data-testid="current-user">
                {user.name}
              </span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t('nav.signOut')}
                </button>
              </Form>
            </>
          ) : (
            <>
              <NavLink to="/login">{t('nav.signIn')}</NavLink>
              <NavLink to="/signup">{t('nav.signUp')}</NavLink>
            </>
          )}
          <Form method="post" action="/set-locale" reloadDocument>
            <input type="hidden" name="locale" value={locale === 'en' ? 'zh-CN' : 'en'} />
            <input type="hidden" name="redirectTo" value={here} />
            <button type="submit" className="link-button" title={t('nav.languageLabel')} lang={locale === 'en' ? 'zh-CN' : 'en'}>
              {t('nav.language')}
            </button>
          </Form>
        </nav>
      </header>
      <main className="content">{children}</main>
      <footer className="footer">
        <span>{t('app.university')}</span>
        {mailCatcherUrl && (
          <span>
            {t('footer.dev')} ·{' '}
            <a href={mailCatcherUrl} target="_blank" rel="noreferrer">
              {t('nav.mailCatcher')}
            </a>
          </span>
        )}
      </footer>
    </div>
  )
}
