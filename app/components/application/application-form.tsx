import { getFormProps, useForm, type FormMetadata } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import type { SubmissionResult } from '@conform-to/react'
import { Form, useFetcher } from '@remix-run/react'
import { createContext, useContext, useEffect, useRef, useState, type ComponentProps, type ReactNode } from 'react'
import * as base from '~/components/field'
import { FormErrors } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import { gpaScales } from '~/domain/eligibility'
import { languageTests } from '~/domain/language'
import { budgetLines, formatFen, parseYuan, requestedTotalFen } from '~/domain/money'
import type { ProgramKind } from '~/domain/program'
import type { ProgramWithQuestions } from '~/domain/program-questions'
import { covers, pathOf } from '~/domain/requested-changes'
import { draftWarnings } from '~/domain/warnings'
import { formatDateTime, translateError, type MessageKey, type Params } from '~/i18n'
import { acceptanceStatuses, applicationDraftSchema, fundingSources, MAX_COURSES, presentationTypes, terms } from '~/schemas/application'

type Program = { academicYear: string; requirements: { language?: Record<string, number> } }

const AUTOSAVE_DELAY_MS = 1500

// While changes are requested, what each input is: one the reviewer named ('requested', marked),
// or one to show but not change ('locked', read-only). In a draft every input is open (undefined).
type Mark = 'requested' | 'locked' | undefined
const MarkOf = createContext<(name: string) => Mark>(() => undefined)

/** The field widgets, read-only or marked by the request for changes (by the input's name). */
function useMarked(name: string): { locked?: boolean; flag?: string } {
  const t = useT()
  const markOf = useContext(MarkOf)
  const mark = markOf(name)
  // A row of a list or a line of a group is marked on its legend when the whole group is asked for.
  const path = pathOf(name)
  const groupMarked = path.length > 1 && markOf(String(path[0])) === 'requested'
  return { locked: mark === 'locked', flag: mark === 'requested' && !groupMarked ? t('app.toChange') : undefined }
}
const TextField = (props: ComponentProps<typeof base.TextField>) => <base.TextField {...props} {...useMarked(props.field.name)} />
const TextAreaField = (props: ComponentProps<typeof base.TextAreaField>) => (
  <base.TextAreaField {...props} {...useMarked(props.field.name)} />
)
const SelectField = (props: ComponentProps<typeof base.SelectField>) => <base.SelectField {...props} {...useMarked(props.field.name)} />

/** The legend of a group of answers (courses, budget), marked when the whole group is asked for. */
function GroupLegend({ name, children }: { name: string; children: ReactNode }) {
  const t = useT()
  const requested = useContext(MarkOf)(name) === 'requested'
  return (
    <legend>
      {children}
      {requested && (
        <>
          {' '}
          <span className="badge badge-flag">{t('app.toChange')}</span>
        </>
      )}
    </legend>
  )
}

/**
 * The application form of one kind. "Save draft" posts the form (works without JavaScript); with
 * JavaScript the draft also saves itself a moment after the student stops typing, and warnings
 * (passport, language, dates) update while they type.
 */
export function ApplicationForm({
  kind,
  programId,
  defaultValue,
  program,
  countryNames,
  lastResult,
  savedAt,
  requested = null,
  gpaFromRecords = false,
  questions = [],
}: {
  kind: ProgramKind
  programId: string
  defaultValue: Record<string, unknown>
  program: Program
  /** Suggestions for a conference's country, in the student's language (app/domain/countries.ts). */
  countryNames: readonly string[]
  lastResult?: SubmissionResult<string[]> | null
  savedAt?: string | null
  /** While changes are requested: the answers the reviewer named, the only ones open. Null in a draft. */
  requested?: readonly string[] | null
  /** The GPA (and its scale) come from the university's records: shown read-only (defaultValue holds them). */
  gpaFromRecords?: boolean
  /** The chosen programs' own questions, first choice first. */
  questions?: readonly ProgramWithQuestions[]
}) {
  const t = useT()
  const locale = useLocale()
  const autosave = useFetcher<{ savedAt?: string | null; error?: string | null }>()
  const formRef = useRef<HTMLFormElement>(null)
  const timer = useRef<ReturnType<typeof setTimeout>>()
  const [dirtyAt, setDirtyAt] = useState(0)
  const [form, fields] = useForm({
    id: 'application',
    lastResult,
    defaultValue: { ...defaultValue, kind, programId },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: applicationDraftSchema }),
    shouldValidate: 'onBlur',
    shouldRevalidate: 'onInput',
  })

  useEffect(() => {
    if (!dirtyAt || !formRef.current) return
    clearTimeout(timer.current)
    const el = formRef.current
    // The page the edit was made on: a timer firing as the student navigates away must not post elsewhere.
    const action = window.location.pathname
    timer.current = setTimeout(() => {
      const data = new FormData(el)
      data.set('intent', 'autosave')
      autosave.submit(data, { method: 'post', action })
    }, AUTOSAVE_DELAY_MS)
    return () => clearTimeout(timer.current)
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dirtyAt])

  const formProps = getFormProps(form)
  const values = (form.value ?? {}) as Record<string, unknown>
  const warnings = draftWarnings({ kind, values, program })
  const autoSaved = autosave.data?.savedAt
  // Whichever save happened last speaks: the autosave or the "Save draft" button.
  const autoSavedLast = !!autoSaved && (!savedAt || autoSaved > savedAt)
  const status =
    autosave.state !== 'idle'
      ? t('app.saving')
      : autosave.data?.error
        ? translateError(t, autosave.data.error)
        : autosave.data && !autoSaved
          ? t('app.saveFailed')
          : autoSavedLast
            ? t('app.autosaved', { time: formatDateTime(locale, autoSaved!) })
            : savedAt
              ? t('app.saved', { time: formatDateTime(locale, savedAt) })
              : ''
  const markOf = (name: string): Mark => (requested ? (covers(requested, name) ? 'requested' : 'locked') : undefined)

  return (
    <MarkOf.Provider value={markOf}>
      <Form
        method="post"
        className="stack"
        {...formProps}
        ref={formRef}
        onInput={() => setDirtyAt(Date.now())}
        onChange={() => setDirtyAt(Date.now())}
        // "Save draft" sends the same answers: the autosave still waiting would only repeat it (kept
        // when the submit is stopped in the browser, so the latest typing is still saved).
        onSubmit={(event) => {
          formProps.onSubmit(event)
          if (!event.defaultPrevented) clearTimeout(timer.current)
        }}
      >
        <FormErrors errors={form.errors} />
        <input type="hidden" name="kind" value={kind} />
        <input type="hidden" name="programId" value={programId} />
        {kind === 'exchange' && <ExchangeFields form={form} gpaFromRecords={gpaFromRecords} />}
        {kind === 'joint_training' && <JointTrainingFields form={form} />}
        {kind === 'conference' && <ConferenceFields form={form} countryNames={countryNames} />}
        {questions.length > 0 && <ProgramQuestions form={form} programs={questions} />}
        <div className="row-2">
          <TextField label={t('application.field.passportNumber')} field={fields.passportNumber} autoComplete="off" />
          <TextField
            label={t('application.field.passportExpiry')}
            field={fields.passportExpiry}
            type="date"
            hint={t('application.hint.passportExpiry')}
          />
        </div>
        {warnings.length > 0 && (
          <div className="alert alert-warn" role="status" data-testid="warnings">
            <strong>{t('app.section.warnings')}</strong>
            <ul>
              {warnings.map((w) => (
                <li key={w.code}>{t(w.code, w.params as Params)}</li>
              ))}
            </ul>
          </div>
        )}
        <div className="form-actions">
          <button type="submit" name="intent" value="save" className="primary">
            {t('app.save')}
          </button>
          <span className="muted" role="status" data-testid="save-status">
            {status}
          </span>
        </div>
      </Form>
    </MarkOf.Provider>
  )
}

// The three kinds share one form whose shape depends on `kind`: the sections read it untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type FormProps = { form: FormMetadata<any, string[]> }
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const useFields = (form: FormProps['form']) => form.getFieldset() as Record<string, any>

function useOptions() {
  const t = useT()
  return <V extends string>(values: readonly V[], label: (value: V) => MessageKey) => values.map((v) => ({ value: v, label: t(label(v)) }))
}

/** The chosen programs' own questions: one group per program, answers sent as programAnswers.<program>.<slot>. */
function ProgramQuestions({ form, programs }: FormProps & { programs: readonly ProgramWithQuestions[] }) {
  const t = useT()
  const locale = useLocale()
  const answers = useFields(form).programAnswers.getFieldset()
  return (
    <fieldset className="stack" data-testid="program-questions">
      <GroupLegend name="programAnswers">{t('application.questions.title')}</GroupLegend>
      <p className="muted small">{t('application.questions.intro')}</p>
      {programs.map((program) => {
        const slots = answers[program.id].getFieldset()
        return (
          <fieldset key={program.id} className="stack" data-program={program.id}>
            <legend>{locale === 'en' ? program.titleEn : program.titleZh}</legend>
            {program.questions.map((q) => (
              <TextAreaField
                key={q.id}
                rows={3}
                label={locale === 'en' ? q.en : q.zh}
                hint={q.required ? t('application.questions.required') : undefined}
                field={slots[q.id]}
              />
            ))}
          </fieldset>
        )
      })}
    </fieldset>
  )
}

function Dates({ form, hint }: FormProps & { hint?: string }) {
  const t = useT()
  const fields = useFields(form)
  return (
    <div className="row-2">
      <TextField label={t('application.field.startDate')} field={fields.startDate} type="date" hint={hint} />
      <TextField label={t('application.field.endDate')} field={fields.endDate} type="date" />
    </div>
  )
}

function Language({ form }: FormProps) {
  const t = useT()
  const options = useOptions()
  const fields = useFields(form)
  return (
    <div className="row-2">
      <SelectField
        label={t('application.field.languageTest')}
        field={fields.languageTest}
        options={options(languageTests, (v) => `application.option.languageTest.${v}`)}
        placeholder=""
      />
      <TextField label={t('application.field.languageScore')} field={fields.languageScore} type="number" step="any" inputMode="decimal" />
    </div>
  )
}

function ExchangeFields({ form, gpaFromRecords }: FormProps & { gpaFromRecords: boolean }) {
  const t = useT()
  const options = useOptions()
  const fields = useFields(form)
  const courses: { key: string; getFieldset: () => Record<string, unknown> }[] = fields.courses.getFieldList()
  const coursesLocked = useContext(MarkOf)('courses') === 'locked'
  return (
    <>
      <SelectField
        label={t('application.field.term')}
        field={fields.term}
        options={options(terms, (v) => `application.option.term.${v}`)}
        placeholder=""
      />
      <Dates form={form} />
      {gpaFromRecords ? (
        // The university's values, sent back as they are (the server refuses any other).
        <div className="row-2" data-testid="gpa-from-records">
          <base.TextField
            label={t('application.field.gpa')}
            field={fields.gpa}
            type="number"
            step="any"
            locked
            hint={t('campus.gpa.readOnly')}
          />
          <base.SelectField
            label={t('application.field.gpaScale')}
            field={fields.gpaScale}
            options={gpaScales.map((s) => ({ value: s, label: s }))}
            locked
          />
        </div>
      ) : (
        <div className="row-2">
          <TextField
            label={t('application.field.gpa')}
            field={fields.gpa}
            type="number"
            step="any"
            inputMode="decimal"
            hint={t('application.hint.gpa')}
          />
          <SelectField
            label={t('application.field.gpaScale')}
            field={fields.gpaScale}
            options={gpaScales.map((s) => ({ value: s, label: s }))}
            placeholder=""
          />
        </div>
      )}
      <Language form={form} />
      <TextAreaField label={t('application.field.studyPlan')} field={fields.studyPlan} />
      <fieldset className="courses">
        <GroupLegend name="courses">{t('application.field.courses')}</GroupLegend>
        <p className="hint">{t('application.hint.courses')}</p>
        {courses.map((course, index) => {
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          const row = course.getFieldset() as Record<string, any>
          return (
            <div className="course-row" key={course.key}>
              <TextField label={t('application.field.courses.homeCourse')} field={row.homeCourse} />
              <TextField label={t('application.field.courses.hostCourse')} field={row.hostCourse} />
              <TextField label={t('application.field.courses.credits')} field={row.credits} type="number" step="0.5" inputMode="decimal" />
              {!coursesLocked && (
                <button className="link-button" {...form.remove.getButtonProps({ name: fields.courses.name, index })}>
                  {t('app.removeCourse')}
                </button>
              )}
            </div>
          )
        })}
        <FieldErrors errors={fields.courses.errors} />
        {courses.length < MAX_COURSES && !coursesLocked && (
          <button className="secondary" {...form.insert.getButtonProps({ name: fields.courses.name })}>
            + {t('app.addCourse')}
          </button>
        )}
      </fieldset>
      <TextAreaField label={t('application.field.motivation')} field={fields.motivation} />
    </>
  )
}

function JointTrainingFields({ form }: FormProps) {
  const t = useT()
  const options = useOptions()
  const fields = useFields(form)
  return (
    <>
      <div className="row-2">
        <TextField label={t('application.field.hostInstitution')} field={fields.hostInstitution} />
        <TextField label={t('application.field.hostDepartment')} field={fields.hostDepartment} />
      </div>
      <div className="row-2">
        <TextField label={t('application.field.hostSupervisorName')} field={fields.hostSupervisorName} />
        <TextField label={t('application.field.hostSupervisorTitle')} field={fields.hostSupervisorTitle} />
      </div>
      <div className="row-2">
        <TextField label={t('application.field.hostSupervisorEmail')} field={fields.hostSupervisorEmail} type="email" />
        <TextField label={t('application.field.homeSupervisor')} field={fields.homeSupervisor} />
      </div>
      <Dates form={form} hint={t('application.hint.jointTrainingDates')} />
      <TextAreaField label={t('application.field.researchPlan')} field={fields.researchPlan} />
      <SelectField
        label={t('application.field.fundingSource')}
        field={fields.fundingSource}
        options={options(fundingSources, (v) => `application.option.fundingSource.${v}`)}
        placeholder=""
      />
      <Language form={form} />
    </>
  )
}

function ConferenceFields({ form, countryNames }: FormProps & { countryNames: readonly string[] }) {
  const t = useT()
  const locale = useLocale()
  const options = useOptions()
  const fields = useFields(form)
  const budget = fields.budget.getFieldset()
  const lines = (form.value as { budget?: Record<string, string | undefined> } | undefined)?.budget ?? {}
  const totalFen = requestedTotalFen(Object.fromEntries(budgetLines.map((l) => [l, parsedFen(lines[l])])))
  const [suggesting, setSuggesting] = useState(false)
  return (
    <>
      <TextField label={t('application.field.conferenceName')} field={fields.conferenceName} />
      <TextField label={t('application.field.organiser')} field={fields.organiser} />
      {/* The suggestions are drawn once the student is in the place fields: 250 options were more
          than half of the page's elements, and hydrating them a good part of its start on a phone. */}
      <div className="row-2" onFocus={() => setSuggesting(true)}>
        <TextField label={t('application.field.city')} field={fields.city} />
        {/* Free text (drafts hold what was typed); the suggestions make most entries a name the dashboard recognises. */}
        <TextField label={t('application.field.country')} field={fields.country} list="country-names" />
        {suggesting && (
          <datalist id="country-names">
            {countryNames.map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        )}
      </div>
      <Dates form={form} />
      <TextField label={t('application.field.website')} field={fields.website} type="url" hint={t('application.hint.website')} />
      <TextField label={t('application.field.paperTitle')} field={fields.paperTitle} />
      <TextField label={t('application.field.authors')} field={fields.authors} />
      <div className="row-2">
        <SelectField
          label={t('application.field.acceptanceStatus')}
          field={fields.acceptanceStatus}
          options={options(acceptanceStatuses, (v) => `application.option.acceptanceStatus.${v}`)}
          placeholder=""
        />
        <SelectField
          label={t('application.field.presentationType')}
          field={fields.presentationType}
          options={options(presentationTypes, (v) => `application.option.presentationType.${v}`)}
          placeholder=""
        />
      </div>
      <fieldset className="budget">
        <GroupLegend name="budget">{t('application.field.budget')}</GroupLegend>
        <p className="hint">{t('application.hint.budget')}</p>
        <div className="budget-grid">
          {budgetLines.map((line) => (
            <TextField key={line} label={t(`application.field.budget.${line}`)} field={budget[line]} inputMode="decimal" />
          ))}
        </div>
        <FieldErrors errors={fields.budget.errors} />
        <p className="budget-total" data-testid="budget-total">
          {t('app.budgetTotal', { total: formatFen(totalFen, locale) })}
        </p>
      </fieldset>
    </>
  )
}

const parsedFen = (text: string | undefined) => {
  const parsed = text ? parseYuan(text) : null
  return parsed?.ok ? parsed.fen : 0
}

function FieldErrors({ errors }: { errors?: string[] }): ReactNode {
  return <FormErrors errors={errors} />
}
