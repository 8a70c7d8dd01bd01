// Its own module: the sign-up words it shows (area 'auth') are sent only to the pages that draw it
// (tests/structure/page-messages.test.ts reads the areas a page needs module by module).
import { TextField, type AnyField } from './field'
import { useT } from './i18n'

/** A new password and its confirmation, as sign-up and the password reset ask for them. */
export function NewPasswordFields({ label, password, confirmPassword }: { label: string; password: AnyField; confirmPassword: AnyField }) {
  const t = useT()
  return (
    <>
      <TextField label={label} field={password} type="password" hint={t('signup.passwordHint')} autoComplete="new-password" />
      <TextField label={t('signup.confirmPassword')} field={confirmPassword} type="password" autoComplete="new-password" />
    </>
  )
}
