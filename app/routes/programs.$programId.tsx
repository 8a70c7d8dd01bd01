import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { Deadline } from '~/components/deadline'
import { useLocale, useT } from '~/components/i18n'
import { ProgramBadges } from '~/components/program-badges'
import { checklist } from '~/domain/documents'
import { programRequirementsSchema } from '~/domain/eligibility'
import { formatLanguageRequirement, hasLanguageRequirement } from '~/domain/language'
import { hasRole } from '~/domain/roles'
import { formatDate, formatList } from '~/i18n'
import { requireUser } from '~/lib/auth.server'
import { readForm } from '~/lib/form.server'
import { standingWithProgram, startApplication } from '~/models/application.server'
import { getProgram } from '~/models/program.server'
import type { MessagesHandle } from '~/i18n'

// The message areas the page and its components use (checked by tests/structure/page-messages.test.ts).
export const handle: MessagesHandle = { messages: ['agreements', 'application', 'campus', 'catalogue', 'documents', 'rounds', 'student'] }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const program = await getProgram(params.programId ?? '')
  if (!program) throw new Response('Not found', { status: 404 })
  const { mine, inTheWay } = hasRole(user.roles, 'student') ? await standingWithProgram(user.id, program) : { mine: null, inTheWay: null }
  return {
    program,
    requirements: programRequirementsSchema.parse(program.requirements),
    checklist: checklist(program.kind, program.requiredDocuments),
    mine,
    inTheWay,
    isStudent: hasRole(user.roles, 'student'),
    now: new Date(),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request, { role: 'student' })
  await readForm(request) // the apply button sends no fields; a body that is no form is refused
  const result = await startApplication(user, params.programId ?? '')
  if (result.ok) return redirect(`/student/applications/${result.applicationId}`)
  return { error: result.error }
}

export default function ProgramPage() {
  const t = useT()
  const locale = useLocale()
  const en = locale === 'en'
  const { program, requirements, checklist, mine, inTheWay, isStudent, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const open = new Date(now) >= new Date(program.opensAt) && new Date(now) <= new Date(program.closesAt)
  const levels = formatList(
    t,
    program.levels.map((l) => t(`level.${l}`)),
  )
  return (
    <section>
      <p>
        <Link to="/programs">← {t('program.back')}</Link>
      </p>
      <div className="card">
        <div className="program-card-head">
          <h1>{en ? program.titleEn : program.titleZh}</h1>
          <Deadline opensAt={program.opensAt} closesAt={program.closesAt} serverNow={now} />
        </div>
        <ProgramBadges kind={program.kind} partner={program.partner} />
        {(en ? program.descriptionEn : program.descriptionZh) && <p>{en ? program.descriptionEn : program.descriptionZh}</p>}
        <dl className="facts">
          {program.partner && (
            <>
              <dt>{t('program.partner')}</dt>
              <dd>{en ? program.partner.nameEn : program.partner.nameZh}</dd>
              <dt>{t('program.country')}</dt>
              <dd>{en ? program.partner.countryEn : program.partner.countryZh}</dd>
            </>
          )}
          <dt>{t('program.academicYear')}</dt>
          <dd>{program.academicYear}</dd>
          <dt>{t('program.applicationPeriod')}</dt>
          <dd>
            {formatDate(locale, program.opensAt)} – {formatDate(locale, program.closesAt)}
          </dd>
          {program.startsOn && program.endsOn && (
            <>
              <dt>{t('program.mobilityDates')}</dt>
              <dd>
                {formatDate(locale, program.startsOn)} – {formatDate(locale, program.endsOn)}
              </dd>
            </>
          )}
          <dt>{t('program.quota')}</dt>
          <dd>{program.quota === null ? t('catalogue.noQuota') : program.quota}</dd>
          {program.quota !== null && (
            <>
              <dt>{t('program.placesLeft')}</dt>
              <dd data-testid="places-left">{program.placesLeft}</dd>
            </>
          )}
        </dl>
      </div>
      <div className="card">
        <h2>{t('program.requirements')}</h2>
        <ul>
          {levels && <li>{t('program.levelsAllowed', { levels })}</li>}
          {requirements.minGpa !== undefined && <li>{t('program.minGpa', { gpa: requirements.minGpa })}</li>}
          {hasLanguageRequirement(requirements.language) && (
            <li>{t('program.language', { tests: formatLanguageRequirement(requirements.language) })}</li>
          )}
        </ul>
        <h2>{t('program.documents')}</h2>
        <ul>
          {checklist.map((item) => (
            <li key={item.kind}>
              {t(`documents.kind.${item.kind}`)} {!item.required && <span className="muted">{t('program.optional')}</span>}
            </li>
          ))}
        </ul>
      </div>
      {isStudent && (
        <div className="card apply-box">
          {actionData?.error && (
            <p className="alert alert-error" role="alert">
              {t(actionData.error)}
            </p>
          )}
          {mine ? (
            <Link className="button" to={`/student/applications/${mine.id}`}>
              {mine.status === 'draft' || mine.status === 'changes_requested' ? t('program.continue') : t('program.viewApplication')}
            </Link>
          ) : inTheWay ? (
            <p className="alert alert-warn" data-testid="in-the-way">
              {t(inTheWay.reason === 'eligibility.alreadyActive' ? 'program.inTheWay.active' : 'program.inTheWay.funded', {
                year: inTheWay.academicYear,
                kind: t(`kind.${program.kind}`),
                status: t(`status.${inTheWay.status}`),
              })}{' '}
              <Link to={`/student/applications/${inTheWay.id}`}>{en ? inTheWay.program.titleEn : inTheWay.program.titleZh}</Link>
            </p>
          ) : program.roundId ? (
            <p data-testid="apply-in-round">
              {t('apply.inRound')}{' '}
              <Link className="button primary" to={`/rounds/${program.roundId}`}>
                {t('program.applyInRound')}
              </Link>
            </p>
          ) : program.agreementEnded ? (
            <p className="alert alert-warn" data-testid="agreement-ended">
              {t('agreements.closed')}
            </p>
          ) : open ? (
            <Form method="post">
              <button type="submit" className="primary">
                {t('program.apply')}
              </button>
            </Form>
          ) : (
            <p className="muted">{new Date(now) < new Date(program.opensAt) ? t('program.notOpenNotice') : t('program.closedNotice')}</p>
          )}
        </div>
      )}
    </section>
  )
}
