// The column order of the CSV exports other systems import (app/domain/export-layout.ts): one
// ExportLayout row per export, set by the admin on /admin/finance-export; every column in its
// listed order until they set one.
import { exportLayouts, isColumnOf, layoutProblem, type ColumnOf, type ExportLayoutId } from '~/domain/export-layout'
import { refuseFields, type Result } from '~/domain/result'
import { recordAudit } from '~/lib/audit.server'
import type { SessionUser } from '~/lib/auth.server'
import { prisma } from '~/lib/db.server'

/** The admin's column order of an export, or every column. */
export async function layoutColumns<L extends ExportLayoutId>(layout: L): Promise<ColumnOf<L>[]> {
  const row = await prisma.exportLayout.findUnique({ where: { id: layout } })
  const columns = (row?.columns ?? []).filter((c): c is ColumnOf<L> => isColumnOf(layout, c))
  return columns.length ? columns : [...(exportLayouts[layout] as readonly ColumnOf<L>[])]
}

/** Sets an export's column order (admins), audited with the order before. */
export async function setExportLayout(actor: SessionUser, layout: ExportLayoutId, columns: string[]): Promise<Result> {
  const problem = layoutProblem(layout, columns)
  if (problem) return refuseFields({ columns: `exportLayout.error.${problem}` })
  const before = await layoutColumns(layout)
  await prisma.$transaction(async (tx) => {
    const data = { columns, setById: actor.id, setAt: new Date() }
    await tx.exportLayout.upsert({ where: { id: layout }, create: { id: layout, ...data }, update: data })
    await recordAudit(tx, {
      actorId: actor.id,
      action: 'export_layout.set',
      entityType: 'export_layout',
      entityId: layout,
      before: { columns: before },
      after: { columns },
    })
  })
  return { ok: true }
}
