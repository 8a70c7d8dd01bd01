import { useLocale, useT } from '~/components/i18n'
import type { StudentLevel } from '~/domain/roles'

type Named = { nameZh: string; nameEn: string }
type Profile = {
  nameZh: string
  nameEn: string
  studentNumber: string | null
  level: StudentLevel | null
  college: Named | null
  /** Signed in through the campus sign-on: name, number, college and level come from the university. */
  campus: boolean
  record: { gpa: number; gpaScale: string; programme: string; enrolmentYear: number; level: StudentLevel; college: Named } | null
}

/** The student's own details as the university gives them: shown, never editable here. */
export function StudentRecordCard({ profile }: { profile: Profile }) {
  const t = useT()
  const locale = useLocale()
  const name = (n: Named | null) => (n ? (locale === 'en' ? n.nameEn : n.nameZh) : '')
  const { record } = profile
  return (
    <section className="card" data-testid="student-record" aria-labelledby="student-record-title">
      <h2 id="student-record-title">{t('campus.record.title')}</h2>
      {(profile.campus || record) && <p className="muted">{t('campus.record.fromUniversity')}</p>}
      <dl className="facts">
        <dt>{t('campus.record.name')}</dt>
        <dd>{locale === 'en' ? profile.nameEn : profile.nameZh}</dd>
        <dt>{t('campus.record.studentNumber')}</dt>
        <dd>{profile.studentNumber}</dd>
        <dt>{t('campus.record.college')}</dt>
        <dd>{name(record?.college ?? profile.college)}</dd>
        <dt>{t('campus.record.level')}</dt>
        <dd>{(record?.level ?? profile.level) && t(`level.${record?.level ?? profile.level!}`)}</dd>
        {record && (
          <>
            <dt>{t('campus.record.programme')}</dt>
            <dd>{record.programme}</dd>
            <dt>{t('campus.record.enrolmentYear')}</dt>
            <dd>{record.enrolmentYear}</dd>
            <dt>{t('campus.record.gpa')}</dt>
            <dd>{t('campus.record.gpaValue', { gpa: record.gpa, scale: record.gpaScale })}</dd>
          </>
        )}
      </dl>
      {!record && (
        <p className="alert alert-warn">
          {profile.studentNumber
            ? t('campus.record.missing', { studentNumber: profile.studentNumber })
            : t('campus.record.missingNoNumber')}
        </p>
      )}
    </section>
  )
}
