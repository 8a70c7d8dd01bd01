// Markup written as a string, for the few lists whose rows React would render element by element at
// a cost larger than the rest of the page (decision 38: the reviewers' queue). Every value put into
// a template is escaped for text and for a quoted attribute, as React escapes it; only markup made
// by `markup` itself goes in as it is. (Named so, not `html`: Prettier reformats templates tagged
// `html` as HTML documents, closing elements and adding whitespace.)

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;' }

export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c])
}

/**
 * Markup made by `markup`: its values are escaped already. Only this module makes one (the class is
 * not exported), and the private field keeps an object of the same shape from passing for one.
 */
class Markup {
  readonly #made = true
  constructor(readonly html: string) {}
  toString() {
    return this.html
  }
}
export type { Markup }

/** What a template takes: text (escaped), markup made by `markup`, lists of these; nothing for null, undefined and false. */
export type MarkupValue = string | number | null | undefined | false | Markup | readonly MarkupValue[]

/**
 * markup`<td title="${title}">${text}</td>`: a template whose values are escaped. An attribute's
 * value is always in double quotes and takes text, never markup (it would go in as it is).
 */
export function markup(strings: TemplateStringsArray, ...values: MarkupValue[]): Markup {
  let out = strings[0]
  for (let i = 0; i < values.length; i++) out += write(values[i]) + strings[i + 1]
  return new Markup(out)
}

function write(value: MarkupValue): string {
  if (value === null || value === undefined || value === false) return ''
  if (value instanceof Markup) return value.html
  if (Array.isArray(value)) return value.map(write).join('')
  return escapeHtml(value as string | number)
}
