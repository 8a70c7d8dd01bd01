import { readdirSync, readFileSync } from 'node:fs'
import { it } from 'vitest'
import { Session } from 'node:inspector/promises'
import { formatCsv } from '~/domain/import/csv'
import { toSessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { confirmImport, previewImport } from '~/models/import.server'
import { createCollege, createUser } from '../factories'
import { resetDatabase } from '../support/db'

const cpu = (pid: number) => { try { const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10 } catch { return 0 } }
const children = (ppid: number) => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).map(Number).filter((p) => { try { return readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ')[1] === String(ppid) } catch { return false } })

it('measures', async () => {
  const [{ data_directory }] = await prisma.$queryRaw<{ data_directory: string }[]>`SELECT current_setting('data_directory') AS data_directory`
  const postmaster = Number(readFileSync(`${data_directory}/postmaster.pid`, 'utf8').split('\n')[0])
  const dbCpu = () => children(postmaster).reduce((s, p) => s + cpu(p), 0)
  for (let run = 0; run < 2; run++) {
    await resetDatabase()
    const user = toSessionUser(await createUser(prisma, { roles: ['admin'] }))
    await createCollege(prisma, { code: 'CS' })
    const header = ['学号', '中文姓名', '英文姓名', '电子邮箱', '学院代码', '学生类别', '邮件语言']
    const rows = Array.from({ length: 5000 }, (_, i) => [`2026${String(i).padStart(6, '0')}`, '王小明', 'WANG Xiaoming', `s${i}@example.edu.cn`, 'CS', '本科生', i % 2 ? 'en' : ''])
    const bytes = Buffer.from(formatCsv([header, ...rows]), 'utf8')
    const lap = async (l: string, f: () => Promise<unknown>) => { const t = performance.now(); const c = process.cpuUsage(); const d = dbCpu(); const r = await f(); const u = process.cpuUsage(c); console.log(l, Math.round(performance.now() - t), 'ms wall', Math.round((u.user + u.system) / 1000), 'ms node cpu', dbCpu() - d, 'ms db cpu'); return r }
    const p = (await lap('preview', () => previewImport({ user, kind: 'students', bytes }))) as Awaited<ReturnType<typeof previewImport>>
    if (!p.ok) throw new Error('x')
    const session = new Session(); session.connect(); await session.post('Profiler.enable'); await session.post('Profiler.start')
    await lap('confirm', () => confirmImport({ user, kind: 'students', uploadId: p.uploadId, fileName: 's.csv', mode: 'all', expectedGood: 5000 }))
    const { profile } = await session.post('Profiler.stop')
    const self = new Map<string, number>()
    const dt = (profile.endTime - profile.startTime) / profile.samples!.length / 1000
    const byId = new Map(profile.nodes.map((n) => [n.id, n]))
    for (const id of profile.samples!) { const n = byId.get(id)!; const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').slice(-2).join('/')}:${n.callFrame.lineNumber}`; self.set(k, (self.get(k) ?? 0) + dt) }
    if (process.env.PROFILE) console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${Math.round(v)}ms ${k}`).join('\n'))
    const data = Array.from({ length: 5000 }, (_, i) => ({ email: `b${i}@example.edu.cn`, passwordHash: '!invited', nameZh: '王小明', nameEn: 'WANG Xiaoming', roles: ['student' as const], collegeId: (p as any).ok && undefined, studentNumber: `B026${String(i).padStart(6, '0')}`, level: 'undergraduate' as const, locale: 'zh_CN' as const }))
    await lap('baseline createMany users', () => prisma.user.createMany({ data }))
  }
}, 300_000)
