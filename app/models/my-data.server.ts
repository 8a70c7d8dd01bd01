// A student's own copy of everything the portal holds about them (PIPL right of access): one ZIP
// archive with my-data.json (account, consents, applications with their answers, documents'
// details, messages to them, awards, reports, deletion requests) and their files under files/.
// Only rows whose applicant or user is the student are read: nothing of anyone else's.
import { once } from 'node:events'
import type { Readable } from 'node:stream'
import archiver from 'archiver'
import { recordReads } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'
import { getObject } from '~/lib/storage.server'
import { ownedBy } from './access.server'

/** What the archive's JSON holds, and the files to add, each under its path in the archive. */
export async function myData(student: Pick<SessionUser, 'id'>) {
  const [account, consents, applications, deletionRequests] = await Promise.all([
    prisma.user.findUniqueOrThrow({
      where: { id: student.id },
      select: {
        email: true,
        nameZh: true,
        nameEn: true,
        studentNumber: true,
        level: true,
        locale: true,
        identitySource: true,
        createdAt: true,
        college: { select: { nameZh: true, nameEn: true } },
      },
    }),
    prisma.consent.findMany({
      where: { userId: student.id },
      orderBy: { at: 'asc' },
      select: { noticeVersion: true, sensitive: true, at: true },
    }),
    prisma.application.findMany({
      where: ownedBy(student),
      orderBy: { createdAt: 'asc' },
      select: {
        id: true,
        kind: true,
        academicYear: true,
        status: true,
        details: true,
        requestedFen: true,
        submittedAt: true,
        statusChangedAt: true,
        createdAt: true,
        program: { select: { titleZh: true, titleEn: true } },
        documents: {
          where: { deletedAt: null },
          orderBy: [{ kind: 'asc' }, { version: 'asc' }],
          select: {
            id: true,
            kind: true,
            originalName: true,
            contentType: true,
            size: true,
            sha256: true,
            version: true,
            supersededAt: true,
            createdAt: true,
            objectKey: true,
          },
        },
        // What the student was told: the comments addressed to them, never the staff's internal ones.
        comments: { where: { visibility: 'student' }, orderBy: { createdAt: 'asc' }, select: { body: true, createdAt: true } },
        awards: { select: { status: true, requestedFen: true, approvedFen: true, paidFen: true, paidAt: true } },
        returnReport: { select: { summary: true, creditTenths: true, actualLines: true, submittedAt: true } },
      },
    }),
    prisma.deletionRequest.findMany({
      where: { userId: student.id },
      orderBy: { createdAt: 'asc' },
      select: { status: true, note: true, reason: true, createdAt: true, decidedAt: true },
    }),
  ])
  const files: { objectKey: string; path: string }[] = []
  const json = {
    exportedAt: new Date().toISOString(),
    account,
    consents,
    applications: applications.map(({ documents, ...a }) => ({
      ...a,
      documents: documents.map(({ objectKey, ...d }) => {
        const path = `files/${a.id}/${d.kind}-v${d.version}-${d.id}-${d.originalName.replace(/[/\\\0]/g, '_')}`
        files.push({ objectKey, path })
        return { ...d, file: path }
      }),
    })),
    deletionRequests,
  }
  return { json, files }
}

/** The archive as a stream; the download is recorded in the read log. Files are fetched one at a time. */
export async function myDataArchive(student: Pick<SessionUser, 'id'>): Promise<Readable> {
  const { json, files } = await myData(student)
  await recordReads(prisma, [{ actorId: student.id, subjectId: student.id, kind: 'archive' }])
  // Stored, not deflated: the files are PDFs and images, compressed already.
  const archive = archiver('zip', { store: true })
  archive.append(JSON.stringify(json, null, 2), { name: 'my-data.json' })
  void (async () => {
    try {
      for (const file of files) {
        const object = await getObject(file.objectKey)
        const added = once(archive, 'entry')
        archive.append(object.body, { name: file.path })
        await added
      }
      await archive.finalize()
    } catch (error) {
      archive.destroy(error as Error)
    }
  })()
  return archive
}
