import { describe, expect, test } from 'vitest'
import { readTable } from './columns'

const rec = (row: number, ...cells: string[]) => ({ row, cells })

describe('readTable', () => {
  test('accepts English keys and Chinese headers, in any order, ignoring case, spaces and full-width brackets', () => {
    const result = readTable(
      'students',
      [
        rec(1, ' STUDENTNUMBER ', '中文姓名', 'nameEn', '电子邮箱', '学院代码*', 'Level'),
        rec(2, '2024010203', '王小明', 'WANG Xiaoming', 'w@example.edu.cn', 'CS', 'undergraduate'),
      ],
      { maxRows: 10 },
    )
    expect(result).toEqual({
      ok: true,
      columns: ['studentNumber', 'nameZh', 'nameEn', 'email', 'college', 'level'],
      rows: [
        {
          row: 2,
          values: {
            studentNumber: '2024010203',
            nameZh: '王小明',
            nameEn: 'WANG Xiaoming',
            email: 'w@example.edu.cn',
            college: 'CS',
            level: 'undergraduate',
          },
        },
      ],
    })
    const partners = readTable('partners', [rec(1, '国家(中文)'), rec(2, '芬兰')], { maxRows: 10 })
    expect(partners.ok ? null : partners.problems).not.toContainEqual({ code: 'unknownColumn', column: '国家(中文)' })
  })

  test('fills short rows with empty cells and keeps values past the header under ""', () => {
    const result = readTable(
      'students',
      [rec(1, 'studentNumber', 'nameZh', 'nameEn', 'email', 'college', 'level'), rec(3, 'S1'), rec(4, 'S2', '', '', '', '', '', 'extra')],
      { maxRows: 10 },
    )
    expect(result.ok && result.rows[0]).toEqual({
      row: 3,
      values: { studentNumber: 'S1', nameZh: '', nameEn: '', email: '', college: '', level: '' },
    })
    expect(result.ok && result.rows[1].values['']).toBe('extra')
  })

  test('refuses unknown, duplicate and missing required columns, naming each', () => {
    const result = readTable('students', [rec(1, '学号', 'studentNumber', 'Name', 'email', 'college', 'level', 'nameEn'), rec(2, 'x')], {
      maxRows: 10,
    })
    expect(result).toEqual({
      ok: false,
      problems: [
        { code: 'unknownColumn', column: 'Name' },
        { code: 'duplicateColumn', column: 'studentNumber' },
        { code: 'missingColumn', column: 'nameZh' },
      ],
    })
  })

  test('refuses a file without data rows, and one over the row limit', () => {
    expect(readTable('partners', [], { maxRows: 2 })).toEqual({ ok: false, problems: [{ code: 'empty' }] })
    expect(readTable('partners', [rec(1, 'nameZh')], { maxRows: 2 })).toEqual({ ok: false, problems: [{ code: 'empty' }] })
    const many = [rec(1, 'nameZh'), rec(2, 'a'), rec(3, 'b'), rec(4, 'c')]
    expect(readTable('partners', many, { maxRows: 2 })).toEqual({ ok: false, problems: [{ code: 'tooManyRows', max: 2 }] })
  })
})
