// The ledger's payments and releases as CSV for the accounting software (ADR 0028): one row per
// movement, in the column order the admin set (ExportLayout "finance-movements", else every
// column: models/export-layout.server.ts), each with its stable voucher reference. For a fiscal or an academic year; only rows of
// applications the reader may open (the access policy: a list names people).
import { shanghaiDate } from '~/domain/dates'
import { voucherReference, type ColumnOf } from '~/domain/export-layout'
import { formatCsv, inert } from '~/domain/import/csv'
import { fenToYuanInput } from '~/domain/money'
import type { Prisma } from '~/generated/prisma/client'
import { translator, type Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { applicationReference } from './application.server'
import { layoutColumns } from './export-layout.server'

export type MovementYear = { fiscalYear: number } | { academicYear: string }

export const movementsFileName = (year: MovementYear) => `payments-${'fiscalYear' in year ? `FY${year.fiscalYear}` : year.academicYear}.csv`

export async function movementsCsv(reader: SessionUser, year: MovementYear, locale: Locale): Promise<string> {
  const t = translator(locale)
  const access = await accessFor(reader)
  const [columns, rows] = await Promise.all([
    layoutColumns('finance-movements'),
    prisma.fundMovement.findMany({
      where: {
        ...year,
        kind: { in: ['pay', 'release'] },
        award: { application: access.where('staff') },
      } satisfies Prisma.FundMovementWhereInput,
      orderBy: { no: 'asc' },
      include: {
        award: {
          select: {
            fund: { select: { nameZh: true, nameEn: true } },
            college: { select: { nameZh: true, nameEn: true } },
            application: {
              select: { id: true, academicYear: true, applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } } },
            },
          },
        },
      },
    }),
  ])
  const name = (n: { nameZh: string; nameEn: string }) => (locale === 'en' ? n.nameEn : n.nameZh)
  const cell = (m: (typeof rows)[number], column: ColumnOf<'finance-movements'>): string => {
    const application = m.award.application
    switch (column) {
      case 'reference':
        return voucherReference(m.no)
      case 'day':
        return shanghaiDate(m.on)
      case 'fiscalYear':
        return String(m.fiscalYear)
      case 'academicYear':
        return m.academicYear
      case 'kind':
        return t(m.kind === 'pay' ? 'exportLayout.kind.pay' : 'exportLayout.kind.release')
      case 'amount':
        return fenToYuanInput(m.amountFen)
      case 'fund':
        return inert(name(m.award.fund))
      case 'college':
        return inert(name(m.award.college))
      case 'studentNumber':
        return inert(application.applicant.studentNumber ?? '')
      case 'student':
        return inert(name(application.applicant))
      case 'application':
        return applicationReference(application.id, application.academicYear)
      case 'voucher':
        return inert(m.voucherNumber ?? '')
    }
  }
  return formatCsv([columns.map((c) => t(`exportLayout.col.${c}`)), ...rows.map((m) => columns.map((c) => cell(m, c)))])
}
