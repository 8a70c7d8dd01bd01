// Realistic sample payloads for every registered email, in each language, for the administrators'
// previews (/admin/email-previews). TypeScript requires one per template in the registry.
import type { Locale } from '~/i18n'
import type { EmailPayload, EmailTemplate } from './index'

const base = 'https://mobility.example.edu.cn'
const pick = (locale: Locale, zh: string, en: string) => (locale === 'en' ? en : zh)
const student = (l: Locale) => pick(l, '张三', 'ZHANG San')
const program = (l: Locale) => pick(l, '慕尼黑工业大学 2027 春季学期交换', 'TU Munich exchange, spring semester 2027')
const application = (l: Locale) => ({
  name: student(l),
  programTitle: program(l),
  reference: 'MP-2026-00042',
  applicationUrl: `${base}/student/applications/cm3x9sample0042`,
})
const queueItems = (l: Locale) => [
  { reference: 'MP-2026-00042', applicant: student(l), programTitle: program(l), url: `${base}/review/cm3x9sample0042` },
  {
    reference: 'MP-2026-00057',
    applicant: pick(l, '李四', 'LI Si'),
    programTitle: pick(l, '莫斯科国立大学研究生联合培养', 'Joint training at Lomonosov Moscow State University'),
    url: `${base}/review/cm3x9sample0057`,
  },
]

export const emailSamples: { [T in EmailTemplate]: (locale: Locale) => EmailPayload<T> } = {
  'password-reset': (l) => ({ name: student(l), resetUrl: `${base}/reset-password?token=sample-token`, minutes: 30 }),
  'submission-receipt': (l) => ({ ...application(l), submittedAt: '2026-11-20T06:30:00.000Z' }),
  'changes-requested': (l) => ({
    ...application(l),
    reason: pick(
      l,
      '成绩单缺少学院盖章，学习计划中的课程与对方学校的课程目录不一致。',
      'The transcript lacks the college stamp, and the study plan lists courses the host does not offer.',
    ),
    fields: ['studyPlan', 'courses'],
    documents: ['transcript'],
    message: pick(l, '请在 12 月 1 日前重新提交。', 'Please submit again before 1 December.'),
  }),
  'decision-approved': (l) => ({ ...application(l), kind: 'exchange', amountFen: 1_500_000 }),
  'decision-waitlisted': (l) => ({ ...application(l) }),
  'round-offer': (l) => ({ ...application(l), deadline: '2027-01-15T09:59:00.000Z' }),
  'deletion-refused': (l) => ({
    name: student(l),
    reason: pick(l, '您的交换申请仍在办理中，结束后再办理删除。', 'Your exchange is still in progress; ask again once it has ended.'),
    privacyUrl: `${base}/student/privacy`,
  }),
  'decision-rejected': (l) => ({
    ...application(l),
    reason: pick(l, '语言成绩未达到该项目的最低要求（雅思 6.5）。', "The language score is below the program's minimum (IELTS 6.5)."),
  }),
  'reviewer-reminder': (l) => ({
    name: pick(l, '王老师', 'WANG Wei'),
    days: 5,
    items: queueItems(l).map((item, i) => ({ ...item, waitingDays: 6 + i })),
    queueUrl: `${base}/college`,
  }),
  'new-applications-digest': (l) => ({
    name: pick(l, '王老师', 'WANG Wei'),
    since: '2026-11-26T16:00:00.000Z',
    items: queueItems(l),
    queueUrl: `${base}/college`,
  }),
  'agreement-renewal': (l) => ({
    name: pick(l, '王老师', 'WANG Wei'),
    partner: pick(l, '华沙理工大学', 'Warsaw University of Technology'),
    type: 'exchange',
    endsOn: '2027-02-28',
    listUrl: `${base}/admin/agreements`,
  }),
  'draft-deadline-reminder': (l) => ({
    name: student(l),
    programTitle: program(l),
    closesAt: '2026-12-15T15:59:59.000Z',
    applicationUrl: application(l).applicationUrl,
  }),
  'return-report-overdue': (l) => ({
    name: pick(l, '李四', 'LI Si'),
    programTitle: pick(l, '2026 学年研究生参加国际学术会议资助', 'Graduate conference travel funding 2026-2027'),
    endDate: '2026-11-06',
    receipts: true,
    reportUrl: `${base}/student/applications/cm3x9sample0057`,
  }),
  'staff-invitation': (l) => ({
    name: pick(l, '国际处刘老师', 'LIU Yang'),
    setPasswordUrl: `${base}/reset-password?token=sample-token`,
    days: 7,
  }),
  'account-invitation': (l) => ({
    name: pick(l, '王小明', 'WANG Xiaoming'),
    email: 'wang.xiaoming@example.edu.cn',
    setPasswordUrl: `${base}/reset-password?token=sample-token`,
    days: 7,
  }),
  'signup-confirmation': (l) => ({ name: student(l), confirmUrl: `${base}/signup/confirm?token=sample-token`, hours: 24 }),
  'signup-existing-account': (l) => ({ name: student(l), loginUrl: `${base}/login`, forgotPasswordUrl: `${base}/forgot-password` }),
  'guardian-consent': (l) => ({
    studentName: student(l),
    programTitle: program(l),
    startDate: '2027-03-01',
    endDate: '2027-07-31',
    expiresAt: '2027-02-10T16:00:00.000Z',
    consentUrl: `${base}/guardian/sample-token`,
  }),
  'incident-check': (l) => ({
    name: student(l),
    message: pick(l, '慕尼黑今日发生暴雨洪涝，请报平安。', 'Floods in Munich today: please tell us you are safe.'),
    safeUrl: `${base}/incident/sample-safe-token`,
    helpUrl: `${base}/incident/sample-help-token`,
  }),
  'stay-reminder': (l) => ({
    name: student(l),
    programTitle: program(l),
    about: 'arrival',
    date: '2027-03-01',
    stayUrl: `${base}/student/applications/cm3x9sample0042/stay`,
  }),
  'learning-agreement-submitted': (l) => ({
    name: pick(l, '王老师', 'Ms Wang'),
    student: student(l),
    programTitle: program(l),
    no: 2,
    url: `${base}/learning-agreements/cm3x9sample0042`,
  }),
  'learning-agreement-decided': (l) => ({
    name: student(l),
    programTitle: program(l),
    no: 2,
    approved: 3,
    rejected: 1,
    url: `${base}/student/applications/cm3x9sample0042/learning-agreement`,
  }),
}
