import { useSearchParams } from '@remix-run/react'
import { useT } from './i18n'

/** A drop-down of a GET filter form, showing the value in the URL; "any" clears the filter. */
export function FilterSelect({
  name,
  label,
  options,
  any = true,
}: {
  name: string
  label: string
  options: [string, string][]
  any?: boolean
}) {
  const t = useT()
  const [params] = useSearchParams()
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={params.get(name) ?? ''}>
        {any && <option value="">{t('catalogue.any')}</option>}
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  )
}
