import type { FieldMetadata } from '@conform-to/react'
import { getInputProps, getSelectProps, getTextareaProps } from '@conform-to/react'
import type { ReactNode } from 'react'
import { useErrorText } from './i18n'

// Any field's metadata: the widgets only read names, ids, errors and default values.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyField = FieldMetadata<any, any, any>

type Props = {
  label: string
  field: AnyField
  hint?: string
  /** Shown but not editable: read-only (a select is disabled and its value sent in a hidden input). */
  locked?: boolean
  /** A short marker beside the label (outside it: the label stays the field's name), e.g. "To change". */
  flag?: string
  children?: ReactNode
}

/** The ids the input is described by: the hint and the flag. */
const describedBy = ({ field, hint, flag }: Pick<Props, 'field' | 'hint' | 'flag'>) =>
  [hint ? field.descriptionId : null, flag ? `${field.id}-flag` : null].filter(Boolean).join(' ') || undefined

function FieldShell({ label, field, hint, locked, flag, children }: Props) {
  const errorText = useErrorText()
  const errors = errorText(field.errors)
  const className = ['field', locked && 'field-locked', flag && 'field-flagged'].filter(Boolean).join(' ')
  return (
    <div className={className}>
      {flag ? (
        <span className="field-label-row">
          <label htmlFor={field.id}>{label}</label>
          <span className="badge badge-flag" id={`${field.id}-flag`}>
            {flag}
          </span>
        </span>
      ) : (
        <label htmlFor={field.id}>{label}</label>
      )}
      {children}
      {hint && (
        <span className="hint" id={field.descriptionId}>
          {hint}
        </span>
      )}
      {errors?.length ? (
        <div id={field.errorId} role="alert">
          <ul className="field-error">
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  )
}

export function TextField({
  type = 'text',
  autoComplete,
  step,
  inputMode,
  list,
  ...props
}: Omit<Props, 'children'> & {
  type?: 'text' | 'email' | 'password' | 'date' | 'number' | 'url'
  autoComplete?: string
  step?: string
  inputMode?: 'decimal' | 'numeric'
  /** The id of a <datalist> of suggestions. */
  list?: string
}) {
  return (
    <FieldShell {...props}>
      <input
        {...getInputProps(props.field, { type, ariaDescribedBy: describedBy(props) })}
        readOnly={props.locked}
        autoComplete={autoComplete}
        step={step}
        inputMode={inputMode}
        list={list}
      />
    </FieldShell>
  )
}

export function TextAreaField({ rows = 6, ...props }: Omit<Props, 'children'> & { rows?: number }) {
  return (
    <FieldShell {...props}>
      <textarea {...getTextareaProps(props.field, { ariaDescribedBy: describedBy(props) })} readOnly={props.locked} rows={rows} />
    </FieldShell>
  )
}

export function SelectField({
  options,
  placeholder,
  ...props
}: Omit<Props, 'children'> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const select = getSelectProps(props.field, { ariaDescribedBy: describedBy(props) })
  return (
    <FieldShell {...props}>
      {/* A select cannot be read-only: disabled, it is not sent, so its value goes in a hidden input. */}
      {props.locked && <input type="hidden" name={select.name} value={String(select.defaultValue ?? '')} />}
      <select {...select} disabled={props.locked}>
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  )
}

/**
 * Errors on members of a group (`group.<key>`) that the page draws no input for, e.g. a budget
 * line the form sent that the award does not have: shown beside the group, not lost.
 */
export function strayErrors(allErrors: Record<string, string[]>, group: string, drawn: readonly string[]): string[] {
  return Object.entries(allErrors)
    .filter(([name]) => name.startsWith(`${group}.`) && !drawn.includes(name.slice(group.length + 1)))
    .flatMap(([, errors]) => errors)
}

export function FormErrors({ errors }: { errors: string[] | undefined }) {
  const errorText = useErrorText()
  const list = errorText(errors)
  if (!list?.length) return null
  return (
    <div className="alert alert-error" role="alert" id="form-errors">
      {list.map((e) => (
        <p key={e} style={{ margin: 0 }}>
          {e}
        </p>
      ))}
    </div>
  )
}
