import type { MessageKey, Translate } from '~/i18n'

/** A budget line's name: the conference lines of the application form, or the stipend. */
export function lineLabel(t: Translate, line: string): string {
  return line === 'stipend' ? t('finance.line.stipend') : t(`application.field.budget.${line}` as MessageKey)
}
