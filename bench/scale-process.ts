// Child process of the scale benchmark (scale.ts): the app's own loaders' models against the
// database DATABASE_URL names (one child per database size, since app modules read the
// environment once). Each `measure` request times one round of every part, serially.
import { failStart, serveParent } from './lib/ipc'

try {
  process.env.NODE_ENV = 'production'
  const [
    { prisma },
    { toSessionUser },
    { createSession },
    { loadQueue },
    { dashboardPageData },
    { stayFigures },
    { financeSummary },
    { academicYearOf },
  ] = await Promise.all([
    import('../app/lib/db.server'),
    import('../app/lib/auth.server'),
    import('../app/lib/session.server'),
    import('../app/models/queue.server'),
    import('../app/models/dashboard.server'),
    import('../app/models/stay-office.server'),
    import('../app/models/finance-summary.server'),
    import('../app/domain/academic-year'),
  ])
  const office = await prisma.user.findUniqueOrThrow({ where: { email: 'office@demo.edu.cn' } })
  const officeUser = toSessionUser(office)
  const cookie = (await createSession(office.id, new Request('http://bench/'))).split(';')[0]
  const year = academicYearOf(new Date())
  const ms = async (run: () => Promise<unknown>) => {
    const started = performance.now()
    await run()
    return performance.now() - started
  }
  // What the /office loader does besides the session: the queue page and the reviewer's assignments.
  const queuePage = (path: string) =>
    loadQueue(officeUser, new Request(`http://bench${path}`), 'college_endorsed').then((read) => read.page())
  // What the /dashboard loader does (the session read included: dashboardPageData takes the request).
  const dashboard = async () => {
    const request = new Request(`http://bench/dashboard?year=${year}`, { headers: { Cookie: cookie } })
    await Promise.all([dashboardPageData(request), stayFigures(officeUser)])
  }
  const sum = async (paths: string[]) => {
    let total = 0
    for (const path of paths) total += await ms(() => queuePage(path))
    return total
  }
  serveParent(
    {},
    {
      measure: async ({ filtered, search, names }) => ({
        queueFilters: await sum(filtered as string[]),
        queueSearch: await sum(search as string[]),
        queueNames: await sum(names as string[]),
        dashboard: await ms(dashboard),
        finance: await ms(() => financeSummary(year)),
      }),
    },
    () => prisma.$disconnect(),
  )
} catch (error) {
  failStart(error)
}
