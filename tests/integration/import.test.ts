import ExcelJS from 'exceljs'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { formatCsv } from '~/domain/import/csv'
import type { ImportKind } from '~/domain/import/columns'
import { translateError, translator } from '~/i18n'
import { toSessionUser, type SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { processOutboxBatch } from '~/lib/outbox.server'
import { createSession } from '~/lib/session.server'
import { headObject } from '~/lib/storage.server'
import { confirmImport, previewImport, sweepStagedImports, type ImportPreview } from '~/models/import.server'
import { authenticate, resetPassword } from '~/models/user.server'
import { createCollege, createFund, createPartner, createStudent, createUser } from '../factories'
import { resetDatabase } from '../support/db'
import { uniqueEmail, waitForEmail } from '../support/mail-catcher'
import { xlsxWorkbook } from '../support/zip'

beforeEach(() => resetDatabase())

const csv = (rows: string[][]) => Buffer.from(formatCsv(rows), 'utf8')

async function xlsx(rows: (string | number | Date | null)[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('导入')
  for (const row of rows) sheet.addRow(row)
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

const admin = async () => toSessionUser(await createUser(prisma, { roles: ['admin'] }))

/** Every problem of a preview as "row column: reason" in Chinese, the way the page lists them. */
const problems = (preview: ImportPreview, locale: 'zh-CN' | 'en' = 'zh-CN') =>
  preview.rows.flatMap((r) => r.issues.map((i) => `${r.row} ${i.column}: ${translateError(translator(locale), i.message)}`))

async function stage(user: SessionUser, kind: ImportKind, bytes: Buffer) {
  const result = await previewImport({ user, kind, bytes })
  if (!result.ok) throw new Error(`file refused: ${JSON.stringify(result.issues)}`)
  return result
}

const partnerHeader = ['中文名称', '英文名称', '国家代码', '国家（中文）', '国家（英文）', '地区', '合作层级', '一带一路', '每年名额']
const helsinki = ['赫尔辛基大学', 'University of Helsinki', 'FI', '芬兰', 'Finland', '欧洲', '紧密合作伙伴', '否', '4']
const astana = ['阿斯塔纳国际大学', 'Astana International University', 'kz', '哈萨克斯坦', 'Kazakhstan', 'asia', 'general', '是', '']
const vilnius = ['维尔纽斯大学', 'Vilnius University', 'LT', '立陶宛', 'Lithuania', 'europe', 'close', 'yes', '2']

describe('partners', () => {
  it('imports a good file in one go, keeps Chinese names, audits the import and each partner, and removes the staged file', async () => {
    const user = await admin()
    const { uploadId, preview } = await stage(user, 'partners', csv([partnerHeader, helsinki, astana, vilnius]))
    expect(preview).toMatchObject({ format: 'csv', good: 3, bad: 0 })
    expect(await prisma.partnerInstitution.count()).toBe(0) // a preview writes nothing

    const key = `imports/${user.id}/partners/${uploadId}`
    expect(await headObject(key)).not.toBeNull()
    const result = await confirmImport({ user, kind: 'partners', uploadId, fileName: '合作院校.csv', mode: 'all', expectedGood: 3 })
    expect(result).toEqual({ status: 'imported', created: 3, skipped: 0 })

    const partners = await prisma.partnerInstitution.findMany({ orderBy: { nameEn: 'asc' }, include: { agreements: true } })
    // A row's agreement columns become the partner's exchange agreement (decision 23).
    const places = (p: (typeof partners)[number]) => (p.agreements.length ? p.agreements[0].placesOut : null)
    expect(partners.map((p) => [p.nameZh, p.nameEn, p.countryCode, p.region, p.tier, p.beltAndRoad, places(p)])).toEqual([
      ['阿斯塔纳国际大学', 'Astana International University', 'KZ', 'asia', 'general', true, null],
      ['赫尔辛基大学', 'University of Helsinki', 'FI', 'europe', 'close', false, 4],
      ['维尔纽斯大学', 'Vilnius University', 'LT', 'europe', 'close', true, 2],
    ])
    const importEvent = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'import.partners' } })
    expect(importEvent).toMatchObject({
      actorId: user.id,
      entityId: uploadId,
      after: { fileName: '合作院校.csv', rows: 3, created: 3, skipped: 0 },
    })
    expect(await prisma.auditEvent.count({ where: { action: 'partner.create', actorId: user.id } })).toBe(3)
    expect(await headObject(key)).toBeNull()

    // Confirming again finds nothing to import: the staged file is gone.
    expect(await confirmImport({ user, kind: 'partners', uploadId, fileName: 'x', mode: 'all', expectedGood: 3 })).toEqual({
      status: 'expired',
    })
    expect(await prisma.partnerInstitution.count()).toBe(3)
  })

  it('writes nothing while any row is bad, reports each bad row and column, and imports exactly the good rows when asked', async () => {
    const user = await admin()
    await createPartner(prisma, { nameEn: 'Vilnius University', countryCode: 'LT' })
    const file = csv([
      partnerHeader,
      helsinki, // row 2: good
      ['', 'No Chinese Name', 'FRA', '法国', 'France', 'mars', 'close', '', '-3'], // row 3: four problems
      astana, // row 4: good
      [...vilnius], // row 5: same name and country as a partner in the database
      ['赫尔辛基大学（重复）', 'university of helsinki', 'fi', '芬兰', 'Finland', 'europe', 'close', '', ''], // row 6: repeats row 2
    ])
    const { uploadId, preview } = await stage(user, 'partners', file)
    expect(preview).toMatchObject({ good: 2, bad: 3 })
    expect(problems(preview)).toEqual([
      '3 nameZh: 此项为必填项',
      '3 countryCode: 应为两位字母的国家代码，如 DE',
      '3 region: 无效的取值，可填写：europe, asia, north_america, oceania, africa, latin_america, middle_east',
      '3 placesPerYear: 应为 0 到 1000 之间的整数',
      '5 nameEn: 已有同一国家、同一英文名称的合作院校',
      '6 nameEn: 与文件第 2 行重复',
    ])
    expect(problems(preview, 'en')).toContain('6 nameEn: Repeats row 2 of the file')

    const refused = await confirmImport({ user, kind: 'partners', uploadId, fileName: 'p.csv', mode: 'all', expectedGood: 2 })
    expect(refused).toMatchObject({ status: 'refused', reason: 'hasBadRows' })
    expect(await prisma.partnerInstitution.count()).toBe(1)
    expect(await prisma.auditEvent.count({ where: { action: 'import.partners' } })).toBe(0)

    const result = await confirmImport({ user, kind: 'partners', uploadId, fileName: 'p.csv', mode: 'good', expectedGood: 2 })
    expect(result).toEqual({ status: 'imported', created: 2, skipped: 3 })
    expect((await prisma.partnerInstitution.findMany({ orderBy: { nameEn: 'asc' } })).map((p) => p.nameEn)).toEqual([
      'Astana International University',
      'University of Helsinki',
      'Vilnius University',
    ])
  })

  it('refuses to import when the database changed since the preview, and shows the new state', async () => {
    const user = await admin()
    const { uploadId } = await stage(user, 'partners', csv([partnerHeader, helsinki, astana]))
    await createPartner(prisma, { nameEn: 'University of Helsinki', countryCode: 'FI' })
    const result = await confirmImport({ user, kind: 'partners', uploadId, fileName: 'p.csv', mode: 'all', expectedGood: 2 })
    expect(result.status === 'refused' && [result.reason, problems(result.preview)]).toEqual([
      'hasBadRows',
      ['2 nameEn: 已有同一国家、同一英文名称的合作院校'],
    ])
    const good = await confirmImport({ user, kind: 'partners', uploadId, fileName: 'p.csv', mode: 'good', expectedGood: 2 })
    expect(good).toMatchObject({ status: 'refused', reason: 'changed', preview: { good: 1 } })
    expect(await prisma.partnerInstitution.count()).toBe(1)
  })

  it("does not let another admin confirm someone else's upload", async () => {
    const [owner, other] = [await admin(), await admin()]
    const { uploadId } = await stage(owner, 'partners', csv([partnerHeader, helsinki]))
    expect(await confirmImport({ user: other, kind: 'partners', uploadId, fileName: 'p.csv', mode: 'all', expectedGood: 1 })).toEqual({
      status: 'expired',
    })
    expect(await prisma.partnerInstitution.count()).toBe(0)
  })
})

describe('files', () => {
  it('refuses GBK text, old .xls, binary data, unknown and missing columns, with a message that says what to do', async () => {
    const user = await admin()
    const gbk = Buffer.from([0xd6, 0xd0, 0xce, 0xc4, 0xc3, 0xfb, 0xb3, 0xc6, 0x0a, 0xc4, 0xe3, 0xba, 0xc3]) // 中文名称\n你好 in GBK
    const cases: [Buffer, string][] = [
      [gbk, 'Excel 中“另存为”“CSV UTF-8（逗号分隔）”或 xlsx'],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), '不支持旧版 Excel（.xls）'],
      [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0]), '这不是 CSV 文本文件'],
      [
        csv([
          ['中文名称', 'Website'],
          ['x', 'y'],
        ]),
        '无法识别的列名“Website”',
      ],
      [csv([['中文名称'], ['x']]), '缺少必填列“nameEn”'],
      [Buffer.from('PK\x03\x04not really a zip'), '无法读取该 xlsx 文件'],
    ]
    for (const [bytes, expected] of cases) {
      const result = await previewImport({ user, kind: 'partners', bytes })
      expect(result.ok).toBe(false)
      const messages = result.ok ? [] : result.issues.map((i) => translateError(translator('zh-CN'), i.message))
      expect(messages.join(' ')).toContain(expected)
    }
  })

  it('reads an xlsx workbook exactly like the same rows in CSV (programs, with dates typed as dates)', async () => {
    const user = await admin()
    const partner = await createPartner(prisma, { nameEn: 'University of Helsinki', countryCode: 'FI' })
    const fund = await createFund(prisma, { kinds: ['exchange'], purpose: 'exchange_scholarship' })
    const header = ['kind', 'partner', 'academicYear', 'titleZh', 'titleEn', 'levels', 'quota', 'opensAt', 'closesAt', 'fundId']
    const rows = [
      [
        'exchange',
        'university of helsinki',
        '2026-2027',
        '赫尔辛基大学春季交换',
        'Helsinki spring exchange',
        'undergraduate;master',
        '4',
        '2027-01-05',
        '2027-03-15',
        fund.id,
      ],
      ['交换学习', partner.id, '2026-2027', '赫尔辛基大学夏季学校', 'Helsinki summer school', '本科生', '', '2027-02-01', '2027-01-31', ''],
      ['conference', '', '2026-2027', '会议资助', 'Conference funding', 'doctoral', '', '2026-09-01', '2027-08-31', 'no-such-fund'],
    ]
    const fromCsv = await stage(user, 'programs', csv([header, ...rows]))
    const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`)
    const fromXlsx = await stage(
      user,
      'programs',
      await xlsx([
        header,
        ...rows.map((r) =>
          r.map((cell, i) => (header[i] === 'quota' && cell ? Number(cell) : /At$/.test(header[i]) ? asDate(cell) : cell)),
        ),
      ]),
    )
    expect(fromXlsx.preview.format).toBe('xlsx')
    expect({ ...fromXlsx.preview, format: 'csv' }).toEqual(fromCsv.preview)
    expect(problems(fromCsv.preview)).toEqual(['3 closesAt: 结束日期早于开始日期', '4 fundId: 找不到该经费编号'])

    expect(
      await confirmImport({ user, kind: 'programs', uploadId: fromXlsx.uploadId, fileName: 'p.xlsx', mode: 'good', expectedGood: 1 }),
    ).toMatchObject({ created: 1 })
    const program = await prisma.program.findFirstOrThrow()
    expect(program).toMatchObject({
      partnerId: partner.id,
      fundId: fund.id,
      levels: ['undergraduate', 'master'],
      quota: 4,
      titleZh: '赫尔辛基大学春季交换',
    })
    expect(program.opensAt.toISOString()).toBe('2027-01-04T16:00:00.000Z') // 00:00 in Beijing
    expect(program.closesAt.toISOString()).toBe('2027-03-15T15:59:59.999Z') // the whole last day counts
  })
})

describe('big files are refused before they are read whole', () => {
  const header = ['学号', '中文姓名', '英文姓名', '电子邮箱', '学院代码', '学生类别']
  const student = (n: number) => [`2026${String(n).padStart(6, '0')}`, '学生', 'STUDENT', `s${n}@example.edu.cn`, 'CS', '本科生']

  /** Runs `fn` and reports its time and how far the heap and the process grew meanwhile (sampled). */
  async function measured<T>(fn: () => Promise<T>) {
    const before = process.memoryUsage()
    let heapPeak = before.heapUsed
    let rssPeak = before.rss
    const sample = setInterval(() => {
      const now = process.memoryUsage()
      heapPeak = Math.max(heapPeak, now.heapUsed)
      rssPeak = Math.max(rssPeak, now.rss)
    }, 2)
    const started = performance.now()
    try {
      const result = await fn()
      const after = process.memoryUsage()
      heapPeak = Math.max(heapPeak, after.heapUsed)
      rssPeak = Math.max(rssPeak, after.rss)
      return {
        result,
        ms: performance.now() - started,
        heapMB: (heapPeak - before.heapUsed) / 2 ** 20,
        rssMB: (rssPeak - before.rss) / 2 ** 20,
      }
    } finally {
      clearInterval(sample)
    }
  }

  const messages = (result: Awaited<ReturnType<typeof previewImport>>, locale: 'zh-CN' | 'en' = 'zh-CN') =>
    result.ok ? [] : result.issues.map((i) => translateError(translator(locale), i.message))

  it('an xlsx of 400,000 rows in a small file is refused with the row limit, quickly and in little memory', async () => {
    const user = await admin()
    const bytes = xlsxWorkbook({ count: 400_001, row: (n) => (n === 1 ? header : ['x']) })
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024) // passes the size limit: only the rows can stop it
    const { result, ms, heapMB, rssMB } = await measured(() => previewImport({ user, kind: 'students', bytes }))
    expect(messages(result)).toEqual(['文件超过 5000 行，请拆分后分批导入。'])
    expect(messages(result, 'en')).toEqual(['The file has more than 5000 rows; split it and import the parts.'])
    expect(ms).toBeLessThan(1500)
    expect(heapMB).toBeLessThan(64)
    expect(rssMB).toBeLessThan(128)
  })

  it('the same for CSV: a file of a million short lines stops at the row limit', async () => {
    const user = await admin()
    const lines = Array.from({ length: 1_000_000 }, (_, i) => (i === 0 ? header.join(',') : 'x'))
    const bytes = Buffer.from(lines.join('\n'))
    lines.length = 0
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024)
    const { result, ms, heapMB } = await measured(() => previewImport({ user, kind: 'students', bytes }))
    expect(messages(result)).toEqual(['文件超过 5000 行，请拆分后分批导入。'])
    expect(ms).toBeLessThan(1000)
    expect(heapMB).toBeLessThan(64)
  })

  it('a part that unpacks to far more than it says (a zip bomb) is refused without unpacking it all', async () => {
    const user = await admin()
    // One cell of 300 MB of the same letter: a few hundred KB packed, and the header claims 1 KB.
    const bytes = xlsxWorkbook({ count: 2, row: (n) => (n === 1 ? header : ['a'.repeat(300 * 2 ** 20)]), sheetDeclaredSize: 1024 })
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024)
    const { result, ms, heapMB } = await measured(() => previewImport({ user, kind: 'students', bytes }))
    expect(messages(result)).toEqual(['文件解压后超过 32 MB，无法读取。请删除多余的内容或拆分成多个文件后重新上传。'])
    expect(messages(result, 'en')).toEqual([
      'The file unpacks to more than 32 MB, too much to read. Remove what is not needed or split it, and upload again.',
    ])
    expect(ms).toBeLessThan(1500)
    expect(heapMB).toBeLessThan(128)
  })

  it('exactly the row limit is read, empty rows not counted, Chinese text whole, with the sheet before its shared strings as Excel writes it', async () => {
    const user = await admin()
    await createCollege(prisma, { code: 'CS' })
    // 5,000 students, with empty rows (formatted but blank, as templates have) between them.
    let next = 0
    const bytes = xlsxWorkbook({ count: 5_501, row: (n) => (n === 1 ? header : n % 11 === 0 ? ['', ''] : student(++next)) })
    expect(next).toBe(5000)
    const { preview } = await stage(user, 'students', bytes)
    expect(problems(preview)).toEqual([])
    expect(preview).toMatchObject({ format: 'xlsx', good: 5000, bad: 0 })
    expect(preview.rows[0]).toMatchObject({ row: 2, values: { studentNumber: '2026000001', email: 's1@example.edu.cn' } })
    expect(preview.rows.at(-1)).toMatchObject({ row: 5501 })
    // Chinese text survives the unpacking's chunk boundaries, which fall inside characters.
    expect(new Set(preview.rows.map((r) => r.values.nameZh))).toEqual(new Set(['学生']))
  }, 30_000)
})

describe('students', () => {
  const header = ['学号', '中文姓名', '英文姓名', '电子邮箱', '学院代码', '学生类别', '邮件语言']

  it('creates accounts without a usable password and invites each student by email; the link sets a password that signs in', async () => {
    const user = await admin()
    await createCollege(prisma, { code: 'CS', nameZh: '计算机学院', nameEn: 'School of Computer Science' })
    const [zh, en] = [uniqueEmail('import-zh'), uniqueEmail('import-en')]
    const { uploadId } = await stage(
      user,
      'students',
      csv([
        header,
        ['2024010203', '王小明', 'WANG Xiaoming', zh, 'cs', '本科生', ''],
        ['m2024010204', '欧阳娜娜', 'OUYANG Nana', en.toUpperCase(), 'CS', 'master', 'en'],
      ]),
    )
    expect(await confirmImport({ user, kind: 'students', uploadId, fileName: 's.csv', mode: 'all', expectedGood: 2 })).toMatchObject({
      created: 2,
    })

    const students = await prisma.user.findMany({
      where: { email: { in: [zh, en] } },
      orderBy: { studentNumber: 'asc' },
      include: { college: true },
    })
    expect(students.map((s) => [s.studentNumber, s.nameZh, s.email, s.roles, s.college?.code, s.level, s.locale])).toEqual([
      ['2024010203', '王小明', zh, ['student'], 'CS', 'undergraduate', 'zh_CN'],
      ['M2024010204', '欧阳娜娜', en, ['student'], 'CS', 'master', 'en'],
    ])
    expect(await authenticate(zh, '!invited', '10.1.1.1')).toEqual({ ok: false, error: 'login.invalid' })

    expect(await processOutboxBatch()).toMatchObject({ sent: 2 })
    const zhMail = await waitForEmail(process.env.MAIL_CATCHER_URL!, { to: zh })
    expect(zhMail.subject).toBe('欢迎使用出国（境）交流申请平台：请设置密码')
    expect(zhMail.text).toContain('王小明，您好')
    expect(zhMail.text).toContain('7 天内有效')
    const enMail = await waitForEmail(process.env.MAIL_CATCHER_URL!, { to: en })
    expect(enMail.subject).toBe('Welcome to the Mobility Portal: choose your password')

    const token = new URL(/https?:\/\/\S+reset-password\?token=[\w-]+/.exec(zhMail.text)![0]).searchParams.get('token')!
    expect(await resetPassword(token, 'my own new password')).toBe(true)
    expect(await authenticate(zh, 'my own new password', '10.1.1.1')).toMatchObject({ ok: true })
  })

  it('imports a whole cohort of 5,000 at once, inviting each new student exactly once; importing the file again skips them and invites only the new rows', async () => {
    const user = await admin()
    await createCollege(prisma, { code: 'CS' })
    const student = (i: number) => [
      `2026${String(i).padStart(6, '0')}`,
      `学生${i}`,
      `STUDENT No`,
      `cohort.${i}@example.edu.cn`,
      'CS',
      '本科生',
      i % 2 ? 'en' : '',
    ]
    const cohort = Array.from({ length: 5000 }, (_, i) => student(i))
    const first = await stage(user, 'students', csv([header, ...cohort]))
    expect(first.preview).toMatchObject({ good: 5000, bad: 0 })
    expect(
      await confirmImport({ user, kind: 'students', uploadId: first.uploadId, fileName: 'cohort.csv', mode: 'all', expectedGood: 5000 }),
    ).toEqual({
      status: 'imported',
      created: 5000,
      skipped: 0,
    })

    const invitations = async () => {
      const messages = await prisma.outboxMessage.findMany({
        where: { template: 'account-invitation' },
        select: { toAddress: true, payload: true },
      })
      return {
        count: messages.length,
        addresses: new Set(messages.map((m) => m.toAddress)),
        links: new Set(messages.map((m) => (m.payload as { setPasswordUrl: string }).setPasswordUrl)),
      }
    }
    const sent = await invitations()
    expect(sent.count).toBe(5000)
    expect(sent.addresses).toEqual(new Set(cohort.map((s) => s[3])))
    expect(sent.links.size).toBe(5000) // one link each, each its own token
    expect(await prisma.passwordResetToken.count()).toBe(5000)
    expect(await prisma.auditEvent.count({ where: { action: 'user.import', actorId: user.id } })).toBe(5000)
    expect(await prisma.auditEvent.findFirstOrThrow({ where: { action: 'import.students' } })).toMatchObject({
      after: { rows: 5000, created: 5000, skipped: 0 },
    })
    const last = await prisma.user.findUniqueOrThrow({ where: { email: 'cohort.4999@example.edu.cn' } })
    expect(last).toMatchObject({
      studentNumber: '2026004999',
      nameZh: '学生4999',
      roles: ['student'],
      level: 'undergraduate',
      locale: 'en',
    })
    const invitation = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: last.email } })
    const token = new URL((invitation.payload as { setPasswordUrl: string }).setPasswordUrl).searchParams.get('token')!
    expect(await resetPassword(token, 'a password of my own')).toBe(true)
    expect(await authenticate(last.email, 'a password of my own', '10.1.1.2')).toMatchObject({ ok: true })

    // The same file again, with its last three rows replaced by new students.
    const again = await stage(user, 'students', csv([header, ...cohort.slice(0, 4997), student(5000), student(5001), student(5002)]))
    expect(again.preview).toMatchObject({ good: 3, bad: 4997 })
    expect(problems(again.preview).slice(0, 2)).toEqual(['2 studentNumber: 该学号已有账户', '2 email: 该邮箱已有账户'])
    expect(
      await confirmImport({ user, kind: 'students', uploadId: again.uploadId, fileName: 'cohort.csv', mode: 'all', expectedGood: 3 }),
    ).toMatchObject({
      status: 'refused',
      reason: 'hasBadRows',
    })
    expect((await invitations()).count).toBe(5000) // a refused import writes nothing
    expect(
      await confirmImport({ user, kind: 'students', uploadId: again.uploadId, fileName: 'cohort.csv', mode: 'good', expectedGood: 3 }),
    ).toEqual({
      status: 'imported',
      created: 3,
      skipped: 4997,
    })
    const after = await invitations()
    expect(after.count).toBe(5003)
    expect(after.addresses.size).toBe(5003)
    expect(await prisma.user.count({ where: { roles: { has: 'student' } } })).toBe(5003)
  }, 60_000)

  it('writes nothing and shows the new state when someone signs up with a file email while the import is being written', async () => {
    const user = await admin()
    const college = await createCollege(prisma, { code: 'CS' })
    const email = uniqueEmail('race')
    const { uploadId } = await stage(
      user,
      'students',
      csv([
        header,
        ['2024010205', '李雷', 'LI Lei', email, 'CS', 'master', ''],
        ['2024010206', '韩梅梅', 'HAN Meimei', uniqueEmail('race2'), 'CS', 'master', ''],
      ]),
    )

    // A sign-up holds the address uncommitted: the import's check cannot see it, its insert waits on it.
    let commitSignUp!: () => void
    const signUp = prisma.$transaction(async (tx) => {
      await createStudent(tx, { email, collegeId: college.id })
      await new Promise<void>((resolve) => (commitSignUp = resolve))
    })
    await vi.waitFor(() => expect(commitSignUp).toBeTypeOf('function'))
    const confirming = confirmImport({ user, kind: 'students', uploadId, fileName: 's.csv', mode: 'all', expectedGood: 2 })
    await vi.waitFor(
      async () => {
        const [{ waiting }] = await prisma.$queryRaw<
          { waiting: number }[]
        >`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO "User"%'`
        expect(waiting).toBe(1)
      },
      { timeout: 15_000, interval: 50 },
    )
    commitSignUp()
    await signUp

    const result = await confirming
    expect(result.status === 'refused' && [result.reason, problems(result.preview)]).toEqual(['changed', ['2 email: 该邮箱已有账户']])
    expect(await prisma.user.count({ where: { roles: { has: 'student' } } })).toBe(1)
    expect(await prisma.outboxMessage.count()).toBe(0)
    expect(await prisma.auditEvent.count({ where: { action: { in: ['user.import', 'import.students'] } } })).toBe(0)
  })

  it('reports student numbers and emails repeated in the file or already in use, and unknown colleges', async () => {
    const user = await admin()
    const college = await createCollege(prisma, { code: 'PHYS' })
    const existing = await createStudent(prisma, { collegeId: college.id, studentNumber: 'B2022020202' })
    const email = uniqueEmail('dup')
    const { preview } = await stage(
      user,
      'students',
      csv([
        header,
        ['B2024000001', '甲', 'JIA Yi', email, 'PHYS', 'doctoral', ''],
        ['b2024000001', '乙', 'YI Bing', uniqueEmail('b'), 'PHYS', 'doctoral', ''],
        ['B2024000003', '丙', 'BING Ding', email.toUpperCase(), 'PHYS', 'doctoral', ''],
        ['b2022020202', '丁', 'DING Wu', existing.email, 'NOPE', 'doctoral', ''],
      ]),
    )
    expect(problems(preview)).toEqual([
      '3 studentNumber: 与文件第 2 行重复',
      '4 email: 与文件第 2 行重复',
      '5 studentNumber: 该学号已有账户',
      '5 email: 该邮箱已有账户',
      '5 college: 找不到该学院代码',
    ])
  })
})

it('sweeps staged files nobody confirmed after a day', async () => {
  const user = await admin()
  const { uploadId } = await stage(user, 'partners', csv([partnerHeader, helsinki]))
  const key = `imports/${user.id}/partners/${uploadId}`
  const DAY = 24 * 3600 * 1000
  expect((await sweepStagedImports({ olderThanMs: DAY })).deleted).not.toContain(key)
  expect((await sweepStagedImports({ olderThanMs: DAY, now: new Date(Date.now() + 2 * DAY) })).deleted).toContain(key)
  expect(await headObject(key)).toBeNull()
})

it('cleans the file name of control characters and NUL bytes, at upload and at confirmation, instead of failing', async () => {
  const user = await createUser(prisma, { roles: ['admin'] })
  const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
  const { action } = await import('~/routes/admin.import._index')
  const call = async (body: BodyInit, contentType: string) => {
    const request = new Request('http://localhost/admin/import', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': contentType },
      body,
    })
    const result = await action({ request, params: {}, context: {} as never })
    const status = (result as { init?: { status?: number } | null }).init?.status ?? (result instanceof Response ? result.status : 200)
    return {
      status,
      data: ((result as { data?: unknown }).data ?? result) as { staged?: { uploadId: string; fileName: string; preview: ImportPreview } },
    }
  }
  const upload = (fileName: string) => {
    const boundary = 'x-boundary-1234'
    const file = formatCsv([partnerHeader, helsinki])
    const body = [
      `--${boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npartners\r\n`,
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n${file}\r\n`,
      `--${boundary}--\r\n`,
    ].join('')
    return call(Buffer.from(body, 'utf8'), `multipart/form-data; boundary=${boundary}`)
  }
  const confirm = (uploadId: string, fileName: string) =>
    call(new URLSearchParams({ kind: 'partners', uploadId, fileName, mode: 'all', expectedGood: '1' }), 'application/x-www-form-urlencoded')

  // A tab (allowed in a header) is dropped from the name. Other control characters and NUL cannot
  // stand in a part's header at all: such a body is refused with a message, nothing staged.
  const tabs = await upload('合作\t院校.csv')
  expect(tabs.status, JSON.stringify(tabs.data)).toBe(200)
  expect(tabs.data.staged?.fileName).toBe('合作院校.csv')
  for (const name of ['合作院校\x01.csv', 'partners\0.csv']) {
    const refused = await upload(name)
    expect(refused.status).toBe(400)
    expect(refused.data).toEqual({ upload: { status: 'error', error: { '': ['form.badRequest'] } } })
  }
  const nul = await upload('partners.csv')

  // The confirmation form sends the name back: a tampered one is cleaned the same way before it is audited.
  const confirmed = await confirm(nul.data.staged!.uploadId, 'evil\0name\x07.csv')
  expect(confirmed.status).toBe(302)
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'import.partners' } })
  expect(audit.after).toMatchObject({ fileName: 'import', created: 1 })
  const again = await upload('合作院校.csv')
  await prisma.partnerAgreement.deleteMany()
  await prisma.partnerInstitution.deleteMany()
  expect((await confirm(again.data.staged!.uploadId, 'bell\x07\u202e.csv')).status).toBe(302)
  const second = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'import.partners', entityId: again.data.staged!.uploadId } })
  expect(second.after).toMatchObject({ fileName: 'bell.csv' })
})

it('answers 403 to anyone but an administrator, for the page, its actions, the templates and the email previews', async () => {
  const routes = await Promise.all([
    import('~/routes/admin.import._index'),
    import('~/routes/admin.import.template.$file'),
    import('~/routes/admin.email-previews._index'),
    import('~/routes/admin.email-previews.$template.$locale'),
  ])
  const params = { file: 'partners.csv', template: 'password-reset', locale: 'en' }
  for (const roles of [['student'], ['office_reviewer'], ['finance'], ['college_reviewer']] as const) {
    const user = await createUser(prisma, { roles: [...roles] })
    const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
    const get = new Request('http://localhost/admin/import', { headers: { Cookie: cookie } })
    const post = new Request('http://localhost/admin/import', {
      method: 'POST',
      headers: { Cookie: cookie },
      body: new URLSearchParams({ kind: 'partners' }),
    })
    const calls: (() => Promise<unknown>)[] = [
      ...routes.map((r) => () => r.loader({ request: get, params, context: {} as never }) as Promise<unknown>),
      () => routes[0].action({ request: post, params: {}, context: {} as never }),
    ]
    for (const call of calls) {
      const thrown = await call().then(
        () => null,
        (e: unknown) => e,
      )
      expect(thrown, roles.join()).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(403)
    }
  }
})

it('serves each template as UTF-8 CSV with a BOM, in the admin language, that imports back as the example row', async () => {
  const user = await createUser(prisma, { roles: ['admin'], locale: 'zh_CN' })
  const cookie = (await createSession(user.id, new Request('http://localhost/login'))).split(';')[0]
  const { loader } = await import('~/routes/admin.import.template.$file')
  const response = await loader({
    request: new Request('http://localhost/admin/import/template/students.csv', { headers: { Cookie: cookie } }),
    params: { file: 'students.csv' },
    context: {} as never,
  })
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  const bytes = Buffer.from(await response.arrayBuffer())
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  expect(bytes.toString('utf8')).toContain('学号*,中文姓名*,英文姓名*,电子邮箱*,学院代码*,学生类别*,邮件语言\r\n2024010203,王小明')

  await createCollege(prisma, { code: 'CS' })
  const { preview } = await stage(toSessionUser(user), 'students', bytes)
  expect(preview).toMatchObject({ good: 1, bad: 0 })
  const missing = await loader({
    request: new Request('http://localhost/x', { headers: { Cookie: cookie } }),
    params: { file: 'users.csv' },
    context: {} as never,
  }).then(
    () => null,
    (e: unknown) => e as Response,
  )
  expect(missing?.status).toBe(404)
})
