import { beforeEach, expect, it } from 'vitest'
import { getOptionalUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { createSession } from '~/lib/session.server'
import { authenticate, isResetTokenUsable, resetPassword } from '~/models/user.server'
import { action as editUser } from '~/routes/admin.users.$userId'
import { loader as listPage } from '~/routes/admin.users._index'
import { createCollege, createStudent, createUser } from '../factories'
import { fieldErrors, getRequest, postRequest, run, savedId, signIn, type Fields } from '../support/admin'
import { resetDatabase } from '../support/db'

beforeEach(() => resetDatabase())

const save = (cookie: string, id: string, fields: Fields) =>
  run(editUser, postRequest(cookie, `/admin/users/${id}`, fields), { userId: id })

it('creates a staff account and emails a link to choose a password, which then signs them in', async () => {
  const { user: admin, cookie } = await signIn()
  const college = await createCollege(prisma)
  const id = savedId(
    await save(cookie, 'new', {
      email: 'New.Reviewer@Example.edu.cn',
      nameZh: '钱老师',
      nameEn: 'QIAN Lei',
      roles: ['college_reviewer', 'finance'],
      collegeId: college.id,
    }),
  )
  const user = await prisma.user.findUniqueOrThrow({ where: { id } })
  expect(user).toMatchObject({
    email: 'new.reviewer@example.edu.cn',
    roles: ['college_reviewer', 'finance'],
    collegeId: college.id,
    deactivatedAt: null,
  })
  expect(await prisma.auditEvent.count({ where: { action: 'user.create', entityId: id, actorId: admin.id } })).toBe(1)

  const mail = await prisma.outboxMessage.findFirstOrThrow({ where: { toAddress: 'new.reviewer@example.edu.cn' } })
  expect(mail.template).toBe('staff-invitation')
  const payload = mail.payload as { setPasswordUrl: string; days: number; name: string }
  expect(payload).toMatchObject({ name: '钱老师', days: 7 })
  const token = new URL(payload.setPasswordUrl).searchParams.get('token')!
  expect(new URL(payload.setPasswordUrl).pathname).toBe('/reset-password')
  expect(await isResetTokenUsable(token)).toBe(true)
  // The link outlives an ordinary 30-minute reset link.
  const stored = await prisma.passwordResetToken.findFirstOrThrow({ where: { userId: id } })
  expect(stored.expiresAt.getTime() - Date.now()).toBeGreaterThan(6 * 86_400_000)

  expect((await authenticate('new.reviewer@example.edu.cn', 'Chosen-password-1', '10.0.0.9')).ok).toBe(false)
  expect(await resetPassword(token, 'Chosen-password-1')).toBe(true)
  expect(await authenticate('new.reviewer@example.edu.cn', 'Chosen-password-1', '10.0.0.9')).toMatchObject({ ok: true, userId: id })
})

it('refuses a taken email (whatever its case), a college reviewer without a college and no role, naming the field', async () => {
  const { cookie } = await signIn()
  await createUser(prisma, { email: 'taken@example.edu.cn' })
  const taken = await save(cookie, 'new', { email: 'TAKEN@example.edu.cn', nameZh: '甲', nameEn: 'A', roles: 'office_reviewer' })
  expect(taken.status).toBe(400)
  expect(fieldErrors(taken)).toEqual({ email: ['adminConfig.error.emailTaken'] })
  expect(
    fieldErrors(await save(cookie, 'new', { email: 'b@example.edu.cn', nameZh: '乙', nameEn: 'B', roles: 'college_reviewer' })),
  ).toEqual({
    collegeId: ['adminConfig.error.collegeRequired'],
  })
  expect(fieldErrors(await save(cookie, 'new', { email: 'c@example.edu.cn', nameZh: '丙', nameEn: 'C' })).roles).toEqual([
    'adminConfig.error.rolesRequired',
  ])
  // The student role is not given here: students sign up themselves.
  expect(fieldErrors(await save(cookie, 'new', { email: 'd@example.edu.cn', nameZh: '丁', nameEn: 'D', roles: 'student' }))).toEqual({
    'roles[0]': ['form.invalidChoice'],
  })
  expect(await prisma.user.count()).toBe(2)
  expect(await prisma.outboxMessage.count()).toBe(0)
})

it('edits roles and college, keeping a student a student, with an audit of before and after', async () => {
  const { cookie } = await signIn()
  const [cs, phys] = [await createCollege(prisma), await createCollege(prisma)]
  const reviewer = await createUser(prisma, { roles: ['college_reviewer'], collegeId: cs.id })
  savedId(
    await save(cookie, reviewer.id, {
      nameZh: '王老师',
      nameEn: 'WANG Wei',
      roles: ['college_reviewer', 'office_reviewer'],
      collegeId: phys.id,
    }),
  )
  expect(await prisma.user.findUniqueOrThrow({ where: { id: reviewer.id } })).toMatchObject({
    roles: ['college_reviewer', 'office_reviewer'],
    collegeId: phys.id,
  })
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.update', entityId: reviewer.id } })
  expect(audit.before).toMatchObject({ roles: ['college_reviewer'], collegeId: cs.id })
  expect(audit.after).toMatchObject({ roles: ['college_reviewer', 'office_reviewer'], collegeId: phys.id })

  // A student made a finance officer too stays a student of their own college.
  const student = await createStudent(prisma, { collegeId: cs.id })
  savedId(await save(cookie, student.id, { nameZh: student.nameZh, nameEn: student.nameEn, roles: 'finance', collegeId: phys.id }))
  expect(await prisma.user.findUniqueOrThrow({ where: { id: student.id } })).toMatchObject({
    roles: ['student', 'finance'],
    collegeId: cs.id,
  })
  // …and back to a plain student; a member of staff cannot be left without any role.
  savedId(await save(cookie, student.id, { nameZh: student.nameZh, nameEn: student.nameEn }))
  expect((await prisma.user.findUniqueOrThrow({ where: { id: student.id } })).roles).toEqual(['student'])
  expect(fieldErrors(await save(cookie, reviewer.id, { nameZh: '王老师', nameEn: 'WANG Wei' }))).toEqual({
    roles: ['adminConfig.error.rolesRequired'],
  })
})

it('deactivating signs the person out at once; they cannot sign in until reactivated', async () => {
  const { cookie } = await signIn()
  const officer = await createUser(prisma, { roles: ['office_reviewer'], email: 'officer@example.edu.cn' })
  const officerCookie = (await createSession(officer.id, new Request('http://localhost/login'))).split(';')[0]
  await createSession(officer.id, new Request('http://localhost/login'))
  const request = () => new Request('http://localhost/office', { headers: { Cookie: officerCookie } })
  expect((await getOptionalUser(request()))?.id).toBe(officer.id)

  const deactivated = await save(cookie, officer.id, { intent: 'deactivate' })
  expect(deactivated.location).toBe(`/admin/users/${officer.id}?deactivated=1`)
  expect(await prisma.session.count({ where: { userId: officer.id } })).toBe(0)
  expect(await getOptionalUser(request())).toBeNull()
  expect(await authenticate('officer@example.edu.cn', 'Mobility#2026', '10.0.0.7')).toEqual({ ok: false, error: 'login.deactivated' })
  const audit = await prisma.auditEvent.findFirstOrThrow({ where: { action: 'user.deactivate', entityId: officer.id } })
  expect(audit.after).toEqual({ active: false, sessionsEnded: 2 })

  await save(cookie, officer.id, { intent: 'reactivate' })
  expect((await authenticate('officer@example.edu.cn', 'Mobility#2026', '10.0.0.7')).ok).toBe(true)
  expect(await prisma.auditEvent.count({ where: { action: 'user.reactivate', entityId: officer.id } })).toBe(1)
})

it('an administrator cannot deactivate themselves or remove their own admin role', async () => {
  const { user: admin, cookie } = await signIn(['admin'])
  const self = await save(cookie, admin.id, { intent: 'deactivate' })
  expect(self.status).toBe(400)
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).deactivatedAt).toBeNull()
  const demoted = await save(cookie, admin.id, { nameZh: admin.nameZh, nameEn: admin.nameEn, roles: 'office_reviewer' })
  expect(fieldErrors(demoted)).toEqual({ roles: ['adminConfig.error.ownAdminRole'] })
  expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.id } })).roles).toEqual(['admin'])
  expect(await prisma.session.count({ where: { userId: admin.id } })).toBe(1)
  expect(await prisma.auditEvent.count()).toBe(0)
})

it('lists users filtered by role, college and active state', async () => {
  const { cookie } = await signIn()
  const cs = await createCollege(prisma)
  const reviewer = await createUser(prisma, { roles: ['college_reviewer'], collegeId: cs.id, email: 'rev@example.edu.cn' })
  const gone = await createUser(prisma, {
    roles: ['college_reviewer'],
    collegeId: cs.id,
    email: 'gone@example.edu.cn',
    deactivatedAt: new Date(),
  })
  await createStudent(prisma, { collegeId: cs.id, email: 'stu@example.edu.cn' })
  await createUser(prisma, { roles: ['finance'], email: 'fin@example.edu.cn' })
  const emails = async (query: string) =>
    ((await run(listPage, getRequest(cookie, `/admin/users?${query}`))).body as { rows: { email: string }[] }).rows.map((r) => r.email)
  expect(await emails('role=college_reviewer')).toEqual([reviewer.email])
  expect(await emails('role=college_reviewer&show=retired')).toEqual([gone.email])
  expect(await emails(`collegeId=${cs.id}&show=all`)).toEqual(['gone@example.edu.cn', 'rev@example.edu.cn', 'stu@example.edu.cn'])
  expect(await emails('q=FIN')).toEqual(['fin@example.edu.cn'])
})
