// Nomination lists: per partner, the students of a round who accepted a place in one of its
// programs, as the office sends them to the host university (name, level, program, dates, email).
// Also the round's ranked list, for the office's records.
import ExcelJS from 'exceljs'
import { shanghaiDate } from '~/domain/dates'
import { formatCsv, inert } from '~/domain/import/csv'
import { translator, type Locale } from '~/i18n'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { mayExportSensitive } from '~/domain/access'
import { sensitiveFields } from '~/domain/personal-data'
import { recordReads } from '~/lib/audit.server'
import { accessFor } from './access.server'
import { roundRanking } from './round-selection.server'

/** Accepted offers: the award with finance, approved, or back from the stay. */
const ACCEPTED = ['funding_check', 'approved', 'completed'] as const

async function nominationRows(reader: SessionUser, roundId: string, partnerId: string, sensitive: boolean) {
  const rows = await prisma.application.findMany({
    where: { AND: [{ roundId, status: { in: [...ACCEPTED] }, program: { partnerId } }, (await accessFor(reader)).where('staff')] },
    select: {
      id: true,
      details: true,
      applicant: { select: { id: true, nameZh: true, nameEn: true, level: true, email: true } },
      program: { select: { titleZh: true, titleEn: true, startsOn: true, endsOn: true } },
    },
    orderBy: [{ program: { titleEn: 'asc' } }, { applicant: { nameEn: 'asc' } }, { id: 'asc' }],
  })
  // PIPL: every student listed is a read of their data; with the sensitive columns, it says so.
  const detail = sensitive ? 'nominations+sensitive' : 'nominations'
  await recordReads(
    prisma,
    rows.map((r) => ({ actorId: reader.id, subjectId: r.applicant.id, kind: 'export' as const, applicationId: r.id, detail })),
  )
  return rows
}

/** The partner's name for the file name, or null when the round has no program of that partner. */
export async function nominationPartner(roundId: string, partnerId: string) {
  return prisma.partnerInstitution.findFirst({
    where: { id: partnerId, programs: { some: { roundId } } },
    select: { id: true, nameZh: true, nameEn: true },
  })
}

/** The round's partners, for the office's download links. */
export function roundPartners(roundId: string) {
  return prisma.partnerInstitution.findMany({
    where: { programs: { some: { roundId } } },
    select: { id: true, nameZh: true, nameEn: true },
    orderBy: [{ nameEn: 'asc' }, { id: 'asc' }],
  })
}

const day = (d: Date | null) => (d ? shanghaiDate(d) : '')

/** Host universities read English: the list's headers and values are English, with the Chinese name beside. */
async function nominationTable(reader: SessionUser, roundId: string, partnerId: string, wantsSensitive: boolean): Promise<string[][]> {
  const t = translator('en')
  // Sensitive columns (passport number, date of birth) only when ticked, and only for those the policy lets see them.
  const sensitive = wantsSensitive && mayExportSensitive(reader)
  const rows = await nominationRows(reader, roundId, partnerId, sensitive)
  const extra = sensitive ? sensitiveFields : []
  return [
    ['Name', '姓名', 'Level', 'Program', 'Start', 'End', 'Email', ...extra.map((f) => t(`privacy.field.${f}`))],
    ...rows.map((r) => [
      r.applicant.nameEn,
      r.applicant.nameZh,
      r.applicant.level ? t(`level.${r.applicant.level}`) : '',
      r.program.titleEn,
      day(r.program.startsOn),
      day(r.program.endsOn),
      r.applicant.email,
      ...extra.map((f) => String((r.details as Record<string, unknown> | null)?.[f] ?? '')),
    ]),
  ]
}

export async function nominationCsv(reader: SessionUser, roundId: string, partnerId: string, sensitive: boolean): Promise<string> {
  return formatCsv((await nominationTable(reader, roundId, partnerId, sensitive)).map((row) => row.map(inert)))
}

export async function nominationWorkbook(
  reader: SessionUser,
  roundId: string,
  partnerId: string,
  sensitive: boolean,
): Promise<Uint8Array<ArrayBuffer>> {
  const [header, ...rows] = await nominationTable(reader, roundId, partnerId, sensitive)
  const workbook = new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Nominations')
  sheet.addRow(header)
  for (const row of rows) sheet.addRow(row)
  sheet.getRow(1).font = { bold: true }
  sheet.views = [{ state: 'frozen', ySplit: 1 }]
  ;[20, 10, 14, 36, 12, 12, 30, 16, 14].forEach((width, i) => (sheet.getColumn(i + 1).width = width))
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** The round's ranked list as CSV, in the reader's language: rank, student, college, score and its parts, choices. */
export async function rankedListCsv(reader: SessionUser, roundId: string, locale: Locale): Promise<string> {
  const t = translator(locale)
  const en = locale === 'en'
  const [ranking, programs] = await Promise.all([
    roundRanking(roundId, prisma, (await accessFor(reader)).where('staff')),
    prisma.program.findMany({ where: { roundId }, select: { id: true, titleZh: true, titleEn: true } }),
  ])
  await recordReads(
    prisma,
    ranking.map((a) => ({
      actorId: reader.id,
      subjectId: a.applicant.id,
      kind: 'export' as const,
      applicationId: a.id,
      detail: 'ranking',
    })),
  )
  const title = new Map(programs.map((p) => [p.id, en ? p.titleEn : p.titleZh]))
  const score = (n: number | null) => (n === null ? '' : n.toFixed(2))
  return formatCsv([
    [
      t('round.col.rank'),
      t('round.col.student'),
      t('round.col.studentNumber'),
      t('round.col.college'),
      t('round.col.score'),
      t('round.part.gpa'),
      t('round.part.language'),
      t('round.part.rubric'),
      t('round.part.interview'),
      t('round.col.status'),
      t('round.col.choices'),
    ],
    ...ranking.map((a) => [
      String(a.rank),
      inert(en ? a.applicant.nameEn : a.applicant.nameZh),
      inert(a.applicant.studentNumber ?? ''),
      inert(en ? a.college.nameEn : a.college.nameZh),
      score(a.scored.score),
      score(a.scored.parts.gpa),
      score(a.scored.parts.language),
      score(a.scored.parts.rubric),
      score(a.scored.parts.interview),
      t(`status.${a.status}`),
      a.choices.map((id, i) => `${i + 1}. ${inert(title.get(id) ?? '')}`).join('; '),
    ]),
  ])
}
