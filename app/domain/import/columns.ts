// The columns of each kind of import file. A header cell may be the English key or the Chinese
// header; the templates (/admin/import/template/<kind>.csv) are built from this list.

export const importKinds = ['partners', 'programs', 'students', 'records'] as const
export type ImportKind = (typeof importKinds)[number]
export const isImportKind = (value: unknown): value is ImportKind => importKinds.includes(value as ImportKind)

/** A column: its English key (also accepted as header), its Chinese header, and a template example. */
export type ImportColumn = { key: string; zh: string; required: boolean; example: string }

const col = <K extends string>(key: K, zh: string, required: boolean, example: string) => ({ key, zh, required, example })

export const importColumns = {
  partners: [
    col('nameZh', '中文名称', true, '赫尔辛基大学'),
    col('nameEn', '英文名称', true, 'University of Helsinki'),
    col('countryCode', '国家代码', true, 'FI'),
    col('countryZh', '国家（中文）', true, '芬兰'),
    col('countryEn', '国家（英文）', true, 'Finland'),
    col('region', '地区', true, 'europe'),
    col('tier', '合作层级', true, 'close'),
    col('beltAndRoad', '一带一路', false, '否'),
    col('agreementStart', '协议开始日期', false, '2026-09-01'),
    col('agreementEnd', '协议结束日期', false, '2031-08-31'),
    col('placesPerYear', '每年名额', false, '4'),
  ],
  programs: [
    col('kind', '项目类型', true, 'exchange'),
    col('partner', '合作院校', false, 'University of Helsinki'),
    col('academicYear', '学年', true, '2026-2027'),
    col('titleZh', '项目名称（中文）', true, '赫尔辛基大学 2027 秋季学期交换'),
    col('titleEn', '项目名称（英文）', true, 'University of Helsinki exchange, autumn 2027'),
    col('descriptionZh', '项目介绍（中文）', false, '面向本科生的一学期交换项目。'),
    col('descriptionEn', '项目介绍（英文）', false, 'One semester of exchange for undergraduates.'),
    col('levels', '适用学生', true, 'undergraduate;master'),
    col('quota', '名额', false, '4'),
    col('opensAt', '开放申请日期', true, '2027-01-05'),
    col('closesAt', '截止日期', true, '2027-03-15'),
    col('startsOn', '开始日期', false, '2027-09-01'),
    col('endsOn', '结束日期', false, '2028-01-31'),
    col('fundId', '经费编号', false, ''),
  ],
  students: [
    col('studentNumber', '学号', true, '2024010203'),
    col('nameZh', '中文姓名', true, '王小明'),
    col('nameEn', '英文姓名', true, 'WANG Xiaoming'),
    col('email', '电子邮箱', true, 'wang.xiaoming@example.edu.cn'),
    col('college', '学院代码', true, 'CS'),
    col('level', '学生类别', true, 'undergraduate'),
    col('locale', '邮件语言', false, 'zh-CN'),
  ],
  // The academic affairs system's export (教务系统), each term: a number on file is updated.
  records: [
    col('studentNumber', '学号', true, '2024010203'),
    col('gpa', 'GPA', true, '3.62'),
    col('gpaScale', 'GPA满分', true, '4.0'),
    col('level', '学生类别', true, 'undergraduate'),
    col('college', '学院代码', true, 'CS'),
    col('programme', '专业', true, '计算机科学与技术'),
    col('enrolmentYear', '入学年份', true, '2024'),
  ],
} satisfies Record<ImportKind, ImportColumn[]>

/** A column's key, of any kind of file: its label is the message imports.col.<key>. */
export type ImportColumnKey = (typeof importColumns)[ImportKind][number]['key']
const columnKeys: ReadonlySet<string> = new Set(importKinds.flatMap((kind) => importColumns[kind].map((c) => c.key)))
export const isImportColumn = (column: string): column is ImportColumnKey => columnKeys.has(column)

/** Header cells compare without case, spaces, a required-marker "*" or full-width punctuation. */
const normalizeHeader = (header: string) => header.normalize('NFKC').replace(/[\s*]/g, '').toLowerCase()

export type SheetRecord = { row: number; cells: string[] }
export type TableRow = { row: number; values: Record<string, string> }
export type TableProblem =
  { code: 'empty' } | { code: 'tooManyRows'; max: number } | { code: 'unknownColumn' | 'duplicateColumn' | 'missingColumn'; column: string }

/**
 * Matches the header row (the first record) to the columns of `kind` and turns every further
 * record into { column key: cell text }. Refuses unknown, repeated and missing required columns:
 * a misspelt header must not silently drop a column's data. Cells past the header are kept under
 * "" so the row can be refused.
 */
export function readTable(
  kind: ImportKind,
  records: SheetRecord[],
  { maxRows }: { maxRows: number },
): { ok: true; columns: string[]; rows: TableRow[] } | { ok: false; problems: TableProblem[] } {
  const [header, ...data] = records
  if (!header || data.length === 0) return { ok: false, problems: [{ code: 'empty' }] }
  if (data.length > maxRows) return { ok: false, problems: [{ code: 'tooManyRows', max: maxRows }] }

  const byName = new Map<string, string>()
  for (const c of importColumns[kind]) {
    byName.set(normalizeHeader(c.key), c.key)
    byName.set(normalizeHeader(c.zh), c.key)
  }
  const problems: TableProblem[] = []
  const keys: (string | null)[] = header.cells.map((cell) => {
    const name = cell.trim()
    if (!name) return null
    const key = byName.get(normalizeHeader(name))
    if (!key) problems.push({ code: 'unknownColumn', column: name })
    return key ?? null
  })
  for (const [i, key] of keys.entries()) {
    if (key && keys.indexOf(key) !== i) problems.push({ code: 'duplicateColumn', column: header.cells[i].trim() })
  }
  for (const c of importColumns[kind]) {
    if (c.required && !keys.includes(c.key)) problems.push({ code: 'missingColumn', column: c.key })
  }
  if (problems.length) return { ok: false, problems }

  const columns = keys.filter((k): k is string => k !== null)
  const rows = data.map(({ row, cells }) => {
    const values: Record<string, string> = {}
    cells.forEach((cell, i) => {
      const key = keys[i]
      if (key) values[key] = cell
      else if (cell.trim()) values[''] = cell // a value under no header
    })
    for (const key of columns) values[key] ??= ''
    return { row, values }
  })
  return { ok: true, columns, rows }
}
