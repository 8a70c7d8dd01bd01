import { describe, expect, test } from 'vitest'
import { translateError, translator } from '~/i18n'
import { importConfirmSchema, importFileName, partnerRowSchema, programRowSchema, studentRowSchema } from './import'

const partner = {
  nameZh: '赫尔辛基大学',
  nameEn: 'University of Helsinki',
  countryCode: 'fi',
  countryZh: '芬兰',
  countryEn: 'Finland',
  region: '欧洲',
  tier: 'Close partner',
  beltAndRoad: '否',
  agreementStart: '2026/9/1',
  agreementEnd: '',
  placesPerYear: '4',
}

const program = {
  kind: '联合培养',
  partner: 'University of Helsinki',
  academicYear: '2026-2027',
  titleZh: '赫尔辛基大学联合培养',
  titleEn: 'Joint training at Helsinki',
  descriptionZh: '第一行\n第二行',
  levels: '硕士研究生；doctoral',
  quota: '',
  opensAt: '2027-01-05',
  closesAt: '2027-03-15',
}

const student = {
  studentNumber: 'b2024010203',
  nameZh: '王小明',
  nameEn: 'WANG Xiaoming',
  email: ' Wang.XM@Example.edu.cn ',
  college: 'cs',
  level: '本科生',
  locale: '',
}

/** column → translated message, as the preview shows them (Chinese and English). */
function errors(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  const out: Record<string, [string, string]> = {}
  for (const issue of result.error?.issues ?? []) {
    out[String(issue.path[0])] ??= [translateError(translator('zh-CN'), issue.message), translateError(translator('en'), issue.message)]
  }
  return out
}

describe('partner rows', () => {
  test('accept Chinese and English labels, normalise codes and dates, and treat empty optional cells as missing', () => {
    expect(partnerRowSchema.parse(partner)).toEqual({
      ...partner,
      countryCode: 'FI',
      region: 'europe',
      tier: 'close',
      beltAndRoad: false,
      agreementStart: '2026-09-01',
      agreementEnd: undefined,
      placesPerYear: 4,
    })
  })

  test('name the column and the reason in both languages', () => {
    const result = partnerRowSchema.safeParse({
      ...partner,
      nameEn: ' ',
      countryCode: 'FIN',
      tier: 'best',
      beltAndRoad: 'maybe',
      agreementEnd: '2026-02-30',
      placesPerYear: '-1',
    })
    expect(errors(result)).toEqual({
      nameEn: ['此项为必填项', 'This field is required'],
      countryCode: ['应为两位字母的国家代码，如 DE', 'A two-letter country code, e.g. DE'],
      tier: ['无效的取值，可填写：comprehensive, close, general', 'Not a valid value; use one of: comprehensive, close, general'],
      beltAndRoad: ['请填写“是”或“否”', 'Write yes or no'],
      agreementEnd: ['日期格式应为 2027-03-15', 'Write dates like 2027-03-15'],
      placesPerYear: ['应为 0 到 1000 之间的整数', 'A whole number from 0 to 1000'],
    })
  })

  test('refuse an agreement that ends before it starts', () => {
    expect(errors(partnerRowSchema.safeParse({ ...partner, agreementEnd: '2026-08-31' }))).toEqual({
      agreementEnd: ['结束日期早于开始日期', 'The end is before the start'],
    })
  })
})

describe('program rows', () => {
  test('parse kinds, level lists in either language, and multi-line descriptions', () => {
    expect(programRowSchema.parse(program)).toMatchObject({
      kind: 'joint_training',
      levels: ['master', 'doctoral'],
      quota: undefined,
      descriptionZh: '第一行\n第二行',
    })
  })

  test('need a partner unless the program is conference funding', () => {
    expect(errors(programRowSchema.safeParse({ ...program, partner: '' }))).toEqual({
      partner: ['交换学习和联合培养项目必须填写合作院校', 'Exchange and joint-training programs need a partner'],
    })
    expect(programRowSchema.safeParse({ ...program, kind: 'conference', partner: '' }).success).toBe(true)
  })

  test('refuse a bad academic year, an unknown level, a deadline before the opening, and a missing date', () => {
    const result = programRowSchema.safeParse({ ...program, academicYear: '2026-2028', levels: 'master; postdoc' })
    expect(errors(result)).toEqual({
      academicYear: ['学年格式应为 2026-2027', 'Write the academic year like 2026-2027'],
      levels: ['无效的取值，可填写：undergraduate, master, doctoral', 'Not a valid value; use one of: undergraduate, master, doctoral'],
    })
    // Dates are compared once every cell is valid.
    expect(errors(programRowSchema.safeParse({ ...program, closesAt: '2027-01-04' }))).toEqual({
      closesAt: ['结束日期早于开始日期', 'The end is before the start'],
    })
    expect(errors(programRowSchema.safeParse({ ...program, opensAt: '' }))).toEqual({ opensAt: ['此项为必填项', 'This field is required'] })
  })
})

describe('student rows', () => {
  test('share the sign-up rules: upper-case student number, lower-case email', () => {
    expect(studentRowSchema.parse(student)).toEqual({
      studentNumber: 'B2024010203',
      nameZh: '王小明',
      nameEn: 'WANG Xiaoming',
      email: 'wang.xm@example.edu.cn',
      college: 'CS',
      level: 'undergraduate',
      locale: undefined,
    })
    expect(studentRowSchema.parse({ ...student, locale: 'English' }).locale).toBe('en')
  })

  test('refuse what sign-up refuses, with its messages', () => {
    const result = studentRowSchema.safeParse({ ...student, studentNumber: '12', nameEn: '王', email: 'not-an-email', level: '' })
    expect(errors(result)).toEqual({
      studentNumber: ['学号应为 6 至 20 位字母或数字', 'A student number has 6 to 20 letters or digits'],
      nameEn: expect.arrayContaining(['请使用英文字母、空格、连字符或撇号']),
      email: ['请输入有效的电子邮箱地址', 'Enter a valid email address'],
      level: ['此项为必填项', 'This field is required'],
    })
  })
})

describe('the file name', () => {
  test('keeps a real name, drops paths and control characters, and replaces what no file system would produce', () => {
    expect(importFileName('2027 合作院校.xlsx')).toBe('2027 合作院校.xlsx')
    expect(importFileName('C:\\Users\\王\\学生名单.csv')).toBe('学生名单.csv')
    expect(importFileName('名单\t\x01\x7f\u202e.csv')).toBe('名单.csv')
    expect(importFileName('名单\0.csv')).toBe('import')
    expect(importFileName('\x01\x02')).toBe('import')
    expect(importFileName('a'.repeat(256))).toBe('import')
  })

  test('is cleaned on the confirm form too, which the browser sends back', () => {
    const confirm = (fileName?: string) =>
      importConfirmSchema.parse({
        kind: 'partners',
        uploadId: '6f1c1b1e-8a59-4a53-9d2c-2b8a3c3b9f10',
        fileName,
        mode: 'all',
        expectedGood: '1',
      }).fileName
    expect(confirm('p\0.csv')).toBe('import')
    expect(confirm('p\x07.csv')).toBe('p.csv')
    expect(confirm(undefined)).toBe('import')
  })
})
