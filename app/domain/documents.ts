// Documents an application needs, per program kind (docs: ../shared/DOMAIN.md, "Program kinds").
import type { ProgramKind } from './program'

export const documentKinds = [
  'transcript',
  'language_certificate',
  'passport',
  'study_plan',
  'admission_letter',
  'invitation_letter',
  'host_supervisor_agreement',
  'research_plan',
  'recommendation',
  'acceptance_letter',
  'conference_programme',
  'paper',
  'budget_quote',
  'supervisor_approval',
  'receipt',
  'return_report',
  'other',
  'insurance_policy',
  'visa',
  'host_transcript',
] as const
export type DocumentKind = (typeof documentKinds)[number]

/** One line of the checklist. `required` means required before submitting. */
export interface ChecklistItem {
  kind: DocumentKind
  required: boolean
}

// Host admission letters often arrive after the home university nominates the student, so the
// exchange checklist shows the letter without blocking submission.
const defaults: Record<ProgramKind, readonly ChecklistItem[]> = {
  exchange: [
    { kind: 'transcript', required: true },
    { kind: 'language_certificate', required: true },
    { kind: 'passport', required: true },
    { kind: 'study_plan', required: true },
    { kind: 'admission_letter', required: false },
  ],
  joint_training: [
    { kind: 'invitation_letter', required: true },
    { kind: 'host_supervisor_agreement', required: true },
    { kind: 'research_plan', required: true },
    { kind: 'recommendation', required: true },
    { kind: 'language_certificate', required: true },
    { kind: 'passport', required: true },
  ],
  conference: [
    { kind: 'acceptance_letter', required: true },
    { kind: 'conference_programme', required: true },
    { kind: 'paper', required: true },
    { kind: 'budget_quote', required: true },
    { kind: 'supervisor_approval', required: true },
  ],
}

/**
 * The checklist for an application. A program's own list (Program.requiredDocuments), when not
 * empty, replaces the default and every document on it is required. A conference paper still under
 * review has no acceptance letter yet: it may be submitted without one (the office decides later).
 */
export function checklist(
  kind: ProgramKind,
  override?: readonly DocumentKind[] | null,
  answers?: { acceptanceStatus?: 'accepted' | 'under_review' },
): ChecklistItem[] {
  const items = override?.length ? [...new Set(override)].map((k) => ({ kind: k, required: true })) : defaults[kind].map((i) => ({ ...i }))
  if (answers?.acceptanceStatus === 'under_review') {
    for (const item of items) if (item.kind === 'acceptance_letter') item.required = false
  }
  return items
}

/**
 * The checklist of an application in a selection round: what every ranked choice asks for, so
 * that whichever program the allocation places the student in finds its documents there. The first
 * choice's items come first; an item is required when any choice requires it.
 */
export function checklistOfChoices(
  kind: ProgramKind,
  overrides: readonly (readonly DocumentKind[] | null)[],
  answers?: { acceptanceStatus?: 'accepted' | 'under_review' },
): ChecklistItem[] {
  const items = new Map<DocumentKind, ChecklistItem>()
  for (const override of overrides.length ? overrides : [null]) {
    for (const item of checklist(kind, override, answers)) {
      const seen = items.get(item.kind)
      if (seen) seen.required ||= item.required
      else items.set(item.kind, item)
    }
  }
  return [...items.values()]
}

/** Required documents not uploaded yet, in checklist order. */
export function missingDocuments(items: readonly ChecklistItem[], uploadedKinds: Iterable<DocumentKind>): DocumentKind[] {
  const uploaded = new Set(uploadedKinds)
  return items.filter((i) => i.required && !uploaded.has(i.kind)).map((i) => i.kind)
}

/** The checklist with each line ticked off when a file of its kind is there. */
export function tickOff(items: readonly ChecklistItem[], uploadedKinds: Iterable<DocumentKind>) {
  const uploaded = new Set(uploadedKinds)
  return items.map((i) => ({ ...i, uploaded: uploaded.has(i.kind) }))
}

// Kinds that collect several files side by side. Every other kind has one current file: a new
// upload supersedes the previous one (kept as an older version, Document.supersededAt set).
const multiFileKinds = ['receipt', 'other'] as const satisfies readonly DocumentKind[]

export function allowsSeveralFiles(kind: DocumentKind): boolean {
  return (multiFileKinds as readonly DocumentKind[]).includes(kind)
}

export function isDocumentKind(value: unknown): value is DocumentKind {
  return typeof value === 'string' && (documentKinds as readonly string[]).includes(value)
}
