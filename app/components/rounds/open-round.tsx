import type { FieldMetadata } from '@conform-to/react'
import { FormErrors, TextField } from '~/components/field'
import { useLocale, useT } from '~/components/i18n'
import type { ProgramKind } from '~/domain/program'
import { MAX_ANNOUNCEMENT_DAYS, MAX_CHOICES_LIMIT } from '~/domain/rounds'
import { tieBreakers, type ScoreFormula } from '~/domain/selection-score'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Fields = Record<string, FieldMetadata<any, any, any>>

type Props = {
  fields: Fields
  kind: ProgramKind
  year: string
  formula: ScoreFormula
  programs: { id: string; titleZh: string; titleEn: string; quota: number | null; partner: { nameZh: string; nameEn: string } | null }[]
}

const WEIGHTS = [
  ['weightGpa', 'gpa'],
  ['weightLanguage', 'language'],
  ['weightRubric', 'rubric'],
  ['weightInterview', 'interview'],
] as const

/** The fields of a new round: titles, dates, choices, announcement, formula and programs. */
export function OpenRoundFields({ fields, kind, year, formula, programs }: Props) {
  const t = useT()
  const locale = useLocale()
  const title = (p: { titleZh: string; titleEn: string }) => (locale === 'en' ? p.titleEn : p.titleZh)
  return (
    <>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="academicYear" value={year} />
      <p>
        {t(`kind.${kind}`)} · {year}
      </p>
      <TextField label={t('round.field.titleZh')} field={fields.titleZh} />
      <TextField label={t('round.field.titleEn')} field={fields.titleEn} />
      <TextField type="date" label={t('round.field.opensOn')} field={fields.opensOn} />
      <TextField type="date" label={t('round.field.closesOn')} field={fields.closesOn} />
      <TextField type="date" label={t('round.field.offerDeadlineOn')} field={fields.offerDeadlineOn} />
      <NumberInput
        label={t('round.field.maxChoices')}
        name="maxChoices"
        defaultValue={3}
        min={1}
        max={MAX_CHOICES_LIMIT}
        errors={fields.maxChoices.errors}
      />
      <NumberInput
        label={t('round.field.announcementDays')}
        name="announcementDays"
        defaultValue={5}
        min={1}
        max={MAX_ANNOUNCEMENT_DAYS}
        errors={fields.announcementDays.errors}
      />
      <fieldset className="field">
        <legend>{t('round.field.weights')}</legend>
        {WEIGHTS.map(([name, part]) => (
          <NumberInput
            key={name}
            label={t(`round.part.${part}`)}
            name={name}
            defaultValue={formula.weights[part]}
            min={0}
            max={100}
            errors={fields[name].errors}
          />
        ))}
      </fieldset>
      <fieldset className="field">
        <legend>{t('round.field.tieBreak')}</legend>
        {tieBreakers.map((rule) => (
          <label key={rule} className="block">
            <input type="checkbox" name="tieBreak" value={rule} defaultChecked={formula.tieBreak.includes(rule)} /> {t(`round.tie.${rule}`)}
          </label>
        ))}
        <FormErrors errors={fields.tieBreak.errors} />
      </fieldset>
      <fieldset className="field" data-testid="round-programs">
        <legend>{t('round.field.programs')}</legend>
        <p className="muted small">{t('round.field.programsHint')}</p>
        {programs.length === 0 && <p className="muted">{t('round.field.noPrograms')}</p>}
        {programs.map((p) => (
          <label key={p.id} className="block">
            <input type="checkbox" name="programIds" value={p.id} /> {title(p)}
            {p.partner ? ` · ${title({ titleZh: p.partner.nameZh, titleEn: p.partner.nameEn })}` : ''} ·{' '}
            {p.quota === null ? t('round.noQuota') : t('round.places', { count: p.quota })}
          </label>
        ))}
        <FormErrors errors={fields.programIds.errors} />
      </fieldset>
    </>
  )
}

function NumberInput({
  label,
  name,
  defaultValue,
  min,
  max,
  errors,
}: {
  label: string
  name: string
  defaultValue: number
  min: number
  max: number
  errors?: string[]
}) {
  return (
    <div className="field">
      <label htmlFor={`round-${name}`}>{label}</label>
      <input
        id={`round-${name}`}
        type="number"
        name={name}
        defaultValue={defaultValue}
        min={min}
        max={max}
        step="any"
        required
        aria-invalid={errors?.length ? true : undefined}
      />
      <FormErrors errors={errors} />
    </div>
  )
}
