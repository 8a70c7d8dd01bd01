import { isBudgetLine } from '~/domain/money'
import type { Translate } from '~/i18n'

/** A budget line's name: the conference lines of the application form, or the stipend (any other line by its key). */
export function lineLabel(t: Translate, line: string): string {
  return isBudgetLine(line) ? t(`application.field.budget.${line}`) : line === 'stipend' ? t('finance.line.stipend') : line
}
