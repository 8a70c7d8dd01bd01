// The printable approval form (出国（境）审批表, decision 22): one PDF per approved application, in
// Chinese (English on request), with the student, the mobility, the funding, every decision with
// who and when, signature and stamp boxes, and a QR code opening the public verification page by
// a random token (never the application's id). The verification page shows only the reference,
// the student's name and college, the mobility and its current status.
import QRCode from 'qrcode'
import { auditActionLabel } from '~/components/audit-labels'
import { countryName } from '~/domain/countries'
import { formatFen } from '~/domain/money'
import { applicationReference } from '~/domain/reference'
import { notFound, refuse, type Result } from '~/domain/result'
import { PLEDGE_VERSION } from '~/domain/stay'
import { formatDate, formatDateTime, translator, type Locale } from '~/i18n'
import type { Prisma } from '~/generated/prisma/client'
import type { SessionUser } from '~/lib/auth.server'
import { randomToken } from '~/lib/crypto.server'
import { prisma } from '~/lib/db.server'
import { appUrl } from '~/lib/env.server'
import { A4, MARGIN, PdfWriter } from '~/lib/pdf.server'
import { accessFor } from './access.server'
import { isoDay, openStay } from './stay-record.server'

const printable = ['approved', 'completed'] as const

const formSelect = {
  id: true,
  status: true,
  kind: true,
  academicYear: true,
  requestedFen: true,
  applicant: { select: { nameZh: true, nameEn: true, studentNumber: true, level: true } },
  college: { select: { nameZh: true, nameEn: true } },
  program: { select: { titleZh: true, titleEn: true, partner: { select: { nameZh: true, nameEn: true } } } },
  awards: { where: { status: { in: ['committed', 'paid'] } }, select: { approvedFen: true } },
  stay: true,
} satisfies Prisma.ApplicationSelect

/** The PDF for whoever may read the application (the student, staff who reach it), once approved. */
export async function approvalFormPdf(
  user: SessionUser,
  applicationId: string,
  locale: Locale,
  now = new Date(),
): Promise<Result<{ pdf: Uint8Array; fileName: string }>> {
  const access = await accessFor(user)
  const found = await prisma.application.findFirst({
    where: { AND: [{ id: applicationId }, access.where('any')] },
    select: { id: true, status: true },
  })
  if (!found) return notFound()
  if (!(printable as readonly string[]).includes(found.status)) return refuse('stay.error.notApproved')
  const token = await verifyTokenOf(applicationId, now)
  const application = await prisma.application.findUniqueOrThrow({ where: { id: applicationId }, select: formSelect })
  const decisions = await prisma.auditEvent.findMany({
    where: { applicationId, entityType: 'application' },
    orderBy: { id: 'asc' },
    select: { action: true, at: true, actor: { select: { nameZh: true, nameEn: true } } },
  })
  const reference = applicationReference(application.id, application.academicYear)
  const pdf = await renderApprovalForm({ application, decisions, reference, verifyUrl: `${appUrl()}/verify/${token}`, locale, now })
  return { ok: true, pdf, fileName: `${reference}${locale === 'en' ? '-en' : ''}.pdf` }
}

/** The application's verification token, made on first print (kept: every print carries the same). */
async function verifyTokenOf(applicationId: string, now: Date): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const stay = await openStay(tx, applicationId, now)
    if (stay.verifyToken) return stay.verifyToken
    const token = randomToken()
    const set = await tx.stay.updateMany({ where: { applicationId, verifyToken: null }, data: { verifyToken: token } })
    if (set.count === 1) return token
    return (await tx.stay.findUniqueOrThrow({ where: { applicationId } })).verifyToken!
  })
}

type FormApplication = Prisma.ApplicationGetPayload<{ select: typeof formSelect }>

async function renderApprovalForm({
  application,
  decisions,
  reference,
  verifyUrl,
  locale,
  now,
}: {
  application: FormApplication
  decisions: { action: string; at: Date; actor: { nameZh: string; nameEn: string } | null }[]
  reference: string
  verifyUrl: string
  locale: Locale
  now: Date
}): Promise<Uint8Array> {
  const t = translator(locale)
  const en = locale === 'en'
  const pdf = await PdfWriter.create(`${t('pdf.approval.title')} ${reference}`)
  const qr = await QRCode.toBuffer(verifyUrl, { margin: 1, scale: 6, errorCorrectionLevel: 'M' })
  const qrSize = 92
  const top = pdf.y
  await pdf.image(qr, A4.width - MARGIN - qrSize, top, qrSize)
  pdf.drawAt(t('pdf.approval.verify'), A4.width - MARGIN - qrSize + 8, top - qrSize - 11, 8.5)
  pdf.y -= 26
  pdf.title(t('pdf.approval.title'))
  pdf.field(t('pdf.approval.reference'), reference)
  pdf.field(t('pdf.approval.status'), t(`status.${application.status}`))
  pdf.y = Math.min(pdf.y, top - qrSize - 18)

  const { applicant, program, stay } = application
  pdf.heading(t('pdf.approval.student'))
  pdf.field(t('pdf.approval.name'), en ? `${applicant.nameEn} (${applicant.nameZh})` : applicant.nameZh)
  pdf.field(t('pdf.approval.studentNumber'), applicant.studentNumber ?? '')
  pdf.field(t('pdf.approval.college'), en ? application.college.nameEn : application.college.nameZh)
  pdf.field(t('pdf.approval.level'), applicant.level ? t(`level.${applicant.level}`) : '')

  pdf.heading(t('pdf.approval.mobility'))
  pdf.field(t('pdf.approval.program'), en ? program.titleEn : program.titleZh)
  pdf.field(t('pdf.approval.kind'), t(`kind.${application.kind}`))
  if (program.partner) pdf.field(t('pdf.approval.host'), en ? program.partner.nameEn : program.partner.nameZh)
  if (stay?.countryCode)
    pdf.field(t('pdf.approval.country'), [countryName(stay.countryCode, locale), stay.city].filter(Boolean).join(' · '))
  if (stay) pdf.field(t('pdf.approval.dates'), `${formatDate(locale, isoDay(stay.startsOn))} – ${formatDate(locale, isoDay(stay.endsOn))}`)

  pdf.heading(t('pdf.approval.funding'))
  const approvedFen = application.awards.reduce((sum, a) => sum + a.approvedFen, 0)
  pdf.field(t('pdf.approval.requested'), application.requestedFen ? formatFen(application.requestedFen, locale) : t('pdf.approval.none'))
  pdf.field(t('pdf.approval.approved'), approvedFen ? formatFen(approvedFen, locale) : t('pdf.approval.none'))

  pdf.heading(t('pdf.approval.decisions'))
  for (const d of decisions) {
    const who = d.actor ? (en ? d.actor.nameEn : d.actor.nameZh) : '—'
    pdf.paragraph(`${formatDateTime(locale, d.at)}  ${auditActionLabel(t, d.action)}  ${who}`, { size: 10 })
  }

  pdf.heading(t('pdf.approval.signatures'))
  pdf.ensure(110)
  const half = (A4.width - 2 * MARGIN - 16) / 2
  pdf.box(t('pdf.approval.collegeSign'), MARGIN, half, 100, t('pdf.approval.date'))
  pdf.box(t('pdf.approval.officeSign'), MARGIN + half + 16, half, 100, t('pdf.approval.date'))
  pdf.y -= 116
  pdf.paragraph(t('pdf.approval.printed', { date: formatDateTime(locale, now) }), { size: 8.5 })
  return pdf.save()
}

// ---- the safety pledge ---------------------------------------------------------------------------

/** The student's signed pledge as a PDF: the text, their typed name, the time, the version and hash. */
export async function pledgePdf(
  userId: string,
  applicationId: string,
  locale: Locale,
): Promise<Result<{ pdf: Uint8Array; fileName: string }>> {
  const application = await prisma.application.findFirst({
    where: { id: applicationId, applicantId: userId },
    select: { id: true, academicYear: true, stay: true },
  })
  if (!application) return notFound()
  const stay = application.stay
  if (!stay?.pledgeSignedAt || !stay.pledgeName || !stay.pledgeHash) return refuse('stay.error.order')
  const t = translator(locale)
  const reference = applicationReference(application.id, application.academicYear)
  const pdf = await PdfWriter.create(t('pdf.pledge.title'))
  pdf.title(t('pdf.pledge.title'))
  pdf.field(t('pdf.approval.reference'), reference)
  pdf.y -= 8
  pdf.paragraph(t('stay.pledge.text'), { size: 11.5, gap: 6 })
  pdf.y -= 12
  pdf.paragraph(t('pdf.pledge.signedBy', { name: stay.pledgeName }))
  pdf.paragraph(t('pdf.pledge.signedAt', { date: formatDateTime(locale, stay.pledgeSignedAt) }))
  pdf.paragraph(t('pdf.pledge.version', { version: PLEDGE_VERSION, hash: stay.pledgeHash.slice(0, 16) }), { size: 8.5 })
  return { ok: true, pdf: await pdf.save(), fileName: `${reference}-pledge.pdf` }
}

// ---- the public verification page ------------------------------------------------------------------

/** What the verification page shows for a token: nothing else of the application; null when unknown. */
export async function verification(token: string) {
  if (!/^[\w-]{20,100}$/.test(token)) return null
  const stay = await prisma.stay.findUnique({
    where: { verifyToken: token },
    select: {
      application: {
        select: {
          id: true,
          academicYear: true,
          status: true,
          applicant: { select: { nameZh: true, nameEn: true } },
          college: { select: { nameZh: true, nameEn: true } },
          program: { select: { titleZh: true, titleEn: true } },
        },
      },
    },
  })
  if (!stay) return null
  const a = stay.application
  return {
    reference: applicationReference(a.id, a.academicYear),
    student: a.applicant,
    college: a.college,
    program: a.program,
    status: a.status,
  }
}
