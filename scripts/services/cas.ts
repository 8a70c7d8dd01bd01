// A real CAS server (protocol 1, 2 and 3) for the tests: Debian's `python3-django-cas-server`
// (`apt-get install -y python3-django-cas-server`; `.ci/run` installs it), run by Debian's own
// interpreter with a throw-away Django project in `directory`: SQLite databases, one service
// pattern (the portal's service URL, single logout on, the attributes below released) and the
// campus accounts, whose college and level columns are released as attributes (SqlAuthUser).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'

/** Debian's interpreter: the `python3` first on PATH may be another one, without Debian's packages. */
const PYTHON = process.env.CAS_PYTHON ?? '/usr/bin/python3'

/** A campus account of the test CAS server; every field but the password is released as an attribute. */
export type CasAccount = {
  username: string
  password: string
  name: string
  nameEn: string
  email: string
  college: string
  level: string
}

/** The attributes the server releases, by name: what the portal's CAS_ATTRIBUTE_* variables name. */
export const CAS_ATTRIBUTES = { name: 'cn', nameEn: 'displayNameEn', email: 'mail', college: 'collegeCode', level: 'studentType' } as const

/** Whether the CAS server can run here (the Debian package is installed). */
export function casServerAvailable(): boolean {
  return existsSync(PYTHON) && existsSync('/usr/lib/python3/dist-packages/cas_server')
}

const settings = (directory: string) => `
import os
BASE_DIR = ${JSON.stringify(directory)}
SECRET_KEY = 'throw-away-cas-server-for-tests'
DEBUG = False
ALLOWED_HOSTS = ['127.0.0.1', 'localhost']
INSTALLED_APPS = ['django.contrib.admin', 'django.contrib.auth', 'django.contrib.contenttypes',
  'django.contrib.sessions', 'django.contrib.messages', 'django.contrib.staticfiles', 'cas_server']
MIDDLEWARE = ['django.contrib.sessions.middleware.SessionMiddleware', 'django.middleware.common.CommonMiddleware',
  'django.middleware.csrf.CsrfViewMiddleware', 'django.contrib.auth.middleware.AuthenticationMiddleware',
  'django.contrib.messages.middleware.MessageMiddleware', 'django.middleware.locale.LocaleMiddleware']
ROOT_URLCONF = 'urls'
TEMPLATES = [{'BACKEND': 'django.template.backends.django.DjangoTemplates', 'APP_DIRS': True,
  'DIRS': [os.path.join(BASE_DIR, 'templates')],
  'OPTIONS': {'context_processors': ['django.template.context_processors.request',
    'django.contrib.auth.context_processors.auth', 'django.contrib.messages.context_processors.messages']}}]
DATABASES = {
  'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(BASE_DIR, 'cas.sqlite3')},
  'cas_server': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': os.path.join(BASE_DIR, 'campus.sqlite3')},
}
DEFAULT_AUTO_FIELD = 'django.db.models.AutoField'
USE_TZ = True
STATIC_URL = '/static/'
LANGUAGE_CODE = 'en'
CAS_AUTH_CLASS = 'cas_server.auth.SqlAuthUser'
CAS_SQL_USER_QUERY = 'SELECT username, password, name AS ${CAS_ATTRIBUTES.name}, name_en AS ${CAS_ATTRIBUTES.nameEn}, email AS ${CAS_ATTRIBUTES.email}, college AS ${CAS_ATTRIBUTES.college}, level AS ${CAS_ATTRIBUTES.level} FROM users WHERE username = %s'
CAS_SQL_PASSWORD_CHECK = 'plain'
CAS_NEW_VERSION_HTML_WARNING = False
CAS_NEW_VERSION_EMAIL_WARNING = False
CAS_SHOW_POWERED = False
# A plain login page: the package's own pages load Bootstrap and jQuery from CDNs, unreachable offline.
CAS_LOGIN_TEMPLATE = 'campus/login.html'
CAS_LOGOUT_TEMPLATE = 'campus/logout.html'
CAS_SLO_TIMEOUT = 5
LOGGING = {'version': 1, 'disable_existing_loggers': True}
`

/** The login page: the package's form (hidden fields, username, password, errors), without scripts or styles. */
const loginTemplate = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>统一身份认证 Campus CAS</title></head>
<body><h1>统一身份认证 Campus CAS</h1>
{% for message in messages %}<p role="status">{{ message }}</p>{% endfor %}
<form method="post" action="{% url 'cas_server:login' %}">{% csrf_token %}
{% for field in form %}{% if field.is_hidden %}{{ field }}{% endif %}{% endfor %}
{% for error in form.non_field_errors %}<p role="alert">{{ error }}</p>{% endfor %}
<p><label for="id_username">Username 学号</label> {{ form.username }}</p>
<p><label for="id_password">Password 密码</label> {{ form.password }}</p>
<button type="submit">登录 Login</button>
</form></body></html>
`

/** The page after signing out without a service to return to. */
const logoutTemplate = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>统一身份认证 Campus CAS</title></head>
<body><h1>统一身份认证 Campus CAS</h1><p role="status">已退出。 You have signed out.</p></body></html>
`

const urls = `
from django.urls import include, path
urlpatterns = [path('cas/', include(('cas_server.urls', 'cas_server'), namespace='cas_server'))]
`

/** Creates the service pattern with its released attributes and the campus accounts (JSON on stdin). */
const provision = `
import json, sqlite3, sys, django
django.setup()
from cas_server.models import ServicePattern, ReplaceAttributName
data = json.load(sys.stdin)
pattern = ServicePattern.objects.create(pos=1, name='portal', pattern=data['pattern'], single_log_out=True)
for name in data['attributes']:
    ReplaceAttributName.objects.create(name=name, replace='', service_pattern=pattern)
db = sqlite3.connect(data['campus'])
db.execute('CREATE TABLE users (username TEXT PRIMARY KEY, password TEXT, name TEXT, name_en TEXT, email TEXT, college TEXT, level TEXT)')
for a in data['accounts']:
    db.execute('INSERT INTO users VALUES (?, ?, ?, ?, ?, ?, ?)',
      (a['username'], a['password'], a['name'], a['nameEn'], a['email'], a['college'], a['level']))
db.commit()
`

function run(args: string[], cwd: string, input?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, args, { cwd, env: { ...process.env, DJANGO_SETTINGS_MODULE: 'settings', PYTHONPATH: cwd } })
    let output = ''
    child.stdout.on('data', (d: Buffer) => (output += d.toString()))
    child.stderr.on('data', (d: Buffer) => (output += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`CAS server: ${args.join(' ')} failed (${code}):\n${output}`))))
    child.stdin.end(input ?? '')
  })
}

async function waitForHttp(url: string, child: ChildProcess, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (child.exitCode !== null) throw new Error(`CAS server exited with ${child.exitCode}`)
    try {
      const response = await fetch(url, { redirect: 'manual' })
      if (response.status < 500) return
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`CAS server did not answer at ${url}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

/**
 * Starts the CAS server on 127.0.0.1:`port` with its data in `directory`; `servicePattern` is a
 * regular expression the portal's service URL must match. Returns its base URL (…/cas).
 */
export async function startCasServer({
  directory,
  port,
  servicePattern,
  accounts,
}: {
  directory: string
  port: number
  servicePattern: string
  accounts: CasAccount[]
}): Promise<{ url: string; stop(): Promise<void> }> {
  if (!casServerAvailable()) {
    throw new Error("The CAS server needs Debian's python3-django-cas-server: apt-get install -y python3-django-cas-server (.ci/run does).")
  }
  // Throw-away: every start begins with empty databases.
  await rm(directory, { recursive: true, force: true })
  await mkdir(directory, { recursive: true })
  await writeFile(path.join(directory, 'settings.py'), settings(directory))
  await writeFile(path.join(directory, 'urls.py'), urls)
  await mkdir(path.join(directory, 'templates', 'campus'), { recursive: true })
  await writeFile(path.join(directory, 'templates', 'campus', 'login.html'), loginTemplate)
  await writeFile(path.join(directory, 'templates', 'campus', 'logout.html'), logoutTemplate)
  await run(['-m', 'django', 'migrate', '--noinput', '-v', '0'], directory)
  await run(
    ['-c', provision],
    directory,
    JSON.stringify({
      pattern: servicePattern,
      attributes: Object.values(CAS_ATTRIBUTES),
      campus: path.join(directory, 'campus.sqlite3'),
      accounts,
    }),
  )
  const child = spawn(PYTHON, ['-m', 'django', 'runserver', `127.0.0.1:${port}`, '--noreload'], {
    cwd: directory,
    env: { ...process.env, DJANGO_SETTINGS_MODULE: 'settings', PYTHONPATH: directory },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let log = ''
  child.stderr!.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)))
  const url = `http://127.0.0.1:${port}/cas`
  try {
    await waitForHttp(`${url}/login`, child)
  } catch (error) {
    child.kill('SIGTERM')
    throw new Error(`${(error as Error).message}\n${log}`)
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  }
}
