import { useLocale, useT } from '~/components/i18n'

type Person = { nameZh: string; nameEn: string }

/** A person's (or college's) name in the reader's language; "someone" for nobody (an account gone, the system). */
export function usePersonName() {
  const t = useT()
  const locale = useLocale()
  return (p: Person | null) => (p ? (locale === 'en' ? p.nameEn : p.nameZh) : t('rv.someone'))
}
