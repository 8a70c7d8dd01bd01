// The ledger's payments and releases as CSV for the accounting software (ADR 0028): one row per
// movement, in the column order the admin set (ExportLayout "finance-movements", else every
// column), each with its stable voucher reference. For a fiscal or an academic year; only rows of
// applications the reader may open (the access policy: a list names people).
import { shanghaiDate } from '~/domain/dates'
import { movementColumns, isMovementColumn, layoutProblem, voucherReference, type MovementColumn } from '~/domain/export-layout'
import { formatCsv, inert } from '~/domain/import/csv'
import { fenToYuanInput } from '~/domain/money'
import { refuseFields, type Result } from '~/domain/result'
import type { Prisma } from '~/generated/prisma/client'
import { translator, type Locale } from '~/i18n'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { accessFor } from './access.server'
import { applicationReference } from './application.server'

const LAYOUT_ID = 'finance-movements'

/** The admin's column order, or every column. */
export async function movementLayout(): Promise<MovementColumn[]> {
  const layout = await prisma.exportLayout.findUnique({ where: { id: LAYOUT_ID } })
  const columns = (layout?.columns ?? []).filter(isMovementColumn)
  return columns.length ? columns : [...movementColumns]
}

/** Sets the column order (admins), audited with the order before. */
export async function setMovementLayout(actor: SessionUser, columns: string[]): Promise<Result> {
  const problem = layoutProblem(columns)
  if (problem) return refuseFields({ columns: `exportLayout.error.${problem}` })
  const before = await movementLayout()
  await prisma.$transaction(async (tx) => {
    const data = { columns, setById: actor.id, setAt: new Date() }
    await tx.exportLayout.upsert({ where: { id: LAYOUT_ID }, create: { id: LAYOUT_ID, ...data }, update: data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'export_layout.set',
      entityType: 'export_layout',
      entityId: LAYOUT_ID,
      before: { columns: before },
      after: { columns },
    })
  })
  return { ok: true }
}

export type MovementYear = { fiscalYear: number } | { academicYear: string }

export const movementsFileName = (year: MovementYear) => `payments-${'fiscalYear' in year ? `FY${year.fiscalYear}` : year.academicYear}.csv`

export async function movementsCsv(reader: SessionUser, year: MovementYear, locale: Locale): Promise<string> {
  const t = translator(locale)
  const access = await accessFor(reader)
  const [columns, rows] = await Promise.all([
    movementLayout(),
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
  const cell = (m: (typeof rows)[number], column: MovementColumn): string => {
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
