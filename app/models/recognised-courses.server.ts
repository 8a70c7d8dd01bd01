// The recognised courses as CSV for the academic affairs system's import (decision 26): one row per
// course recognised in the current version of each learning agreement of the approver's college,
// for an academic year, in the column order the admin set (ExportLayout "recognised-courses":
// models/export-layout.server.ts). Text a spreadsheet would run as a formula is kept as text.
import { shanghaiDate } from '~/domain/dates'
import type { ColumnOf } from '~/domain/export-layout'
import { formatCsv, inert } from '~/domain/import/csv'
import { formatCredits } from '~/domain/learning-agreement'
import { translator, type Locale } from '~/i18n'
import { recordReads } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { approverWhere } from './access.server'
import { layoutColumns } from './export-layout.server'

export const recognisedFileName = (year: string) => `recognised-courses-${year}.csv`

export async function recognisedCoursesCsv(reader: SessionUser, year: string, locale: Locale): Promise<string> {
  const t = translator(locale)
  const [columns, applications] = await Promise.all([
    layoutColumns('recognised-courses'),
    prisma.application.findMany({
      where: { AND: [approverWhere(reader), { academicYear: year }] },
      orderBy: [{ applicant: { studentNumber: 'asc' } }, { id: 'asc' }],
      select: {
        id: true,
        applicantId: true,
        academicYear: true,
        applicant: { select: { nameZh: true, nameEn: true, studentNumber: true } },
        college: { select: { nameZh: true, nameEn: true } },
        program: { select: { partner: { select: { nameZh: true, nameEn: true } } } },
        // The current version: the latest decided one (an open draft changes nothing yet).
        learningAgreementVersions: {
          where: { status: 'decided' },
          orderBy: { no: 'desc' },
          take: 1,
          select: { lines: { where: { decision: 'approved', recognition: 'recognised' }, orderBy: { position: 'asc' } } },
        },
      },
    }),
  ])
  const name = (n: { nameZh: string; nameEn: string } | null) => (n ? (locale === 'en' ? n.nameEn : n.nameZh) : '')
  type Row = {
    application: (typeof applications)[number]
    line: (typeof applications)[number]['learningAgreementVersions'][number]['lines'][number]
  }
  const rows: Row[] = applications.flatMap((application) =>
    (application.learningAgreementVersions[0]?.lines ?? []).map((line) => ({ application, line })),
  )
  const cell = ({ application, line }: Row, column: ColumnOf<'recognised-courses'>): string => {
    switch (column) {
      case 'studentNumber':
        return inert(application.applicant.studentNumber ?? '')
      case 'student':
        return inert(name(application.applicant))
      case 'college':
        return inert(name(application.college))
      case 'academicYear':
        return application.academicYear
      case 'partner':
        return inert(name(application.program.partner))
      case 'hostCode':
        return inert(line.hostCode)
      case 'hostTitle':
        return inert(line.hostTitle)
      case 'hostCredits':
        return formatCredits(line.hostCreditTenths)
      case 'hostGrade':
        return inert(line.hostGrade ?? '')
      case 'homeCode':
        return inert(line.homeCode ?? '')
      case 'homeTitle':
        return inert(line.homeTitle ?? t('la.elective'))
      case 'homeCredits':
        return formatCredits(line.homeCreditTenths)
      case 'homeGrade':
        return inert(line.homeGrade ?? '')
      case 'term':
        return inert(line.term)
      case 'recognisedOn':
        return line.recognisedAt ? shanghaiDate(line.recognisedAt) : ''
    }
  }
  // PIPL: an export naming students is a read of each one's data.
  await recordReads(
    prisma,
    [...new Map(rows.map((r) => [r.application.id, r.application])).values()].map((a) => ({
      actorId: reader.id,
      subjectId: a.applicantId,
      kind: 'export' as const,
      applicationId: a.id,
    })),
  )
  return formatCsv([columns.map((c) => t(`exportLayout.col.${c}`)), ...rows.map((r) => columns.map((c) => cell(r, c)))])
}
