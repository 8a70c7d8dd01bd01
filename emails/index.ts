import { createElement, type ComponentType } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { unstableToPlainText } from '@react-email/render'
import { z } from 'zod'
import { translator, type Locale, type Translate } from '~/i18n'
import { accountInvitation } from './account-invitation'
import { agreementRenewal } from './agreement-renewal'
import { changesRequested } from './changes-requested'
import { decisionApproved } from './decision-approved'
import { decisionRejected } from './decision-rejected'
import { decisionWaitlisted } from './decision-waitlisted'
import { deletionRefused } from './deletion-refused'
import { draftDeadlineReminder } from './draft-deadline-reminder'
import { guardianConsent } from './guardian-consent'
import { incidentCheck } from './incident-check'
import { learningAgreementDecided } from './learning-agreement-decided'
import { learningAgreementSubmitted } from './learning-agreement-submitted'
import { newApplicationsDigest } from './new-applications-digest'
import { passwordReset } from './password-reset'
import { returnReportOverdue } from './return-report-overdue'
import { roundOffer } from './round-offer'
import { reviewerReminder } from './reviewer-reminder'
import { signupConfirmation } from './signup-confirmation'
import { signupExistingAccount } from './signup-existing-account'
import { staffInvitation } from './staff-invitation'
import { stayReminder } from './stay-reminder'
import { submissionReceipt } from './submission-receipt'

/** What each template file exports: its payload schema, its subject and its component. */
export type EmailDefinition<S extends z.ZodType> = {
  payload: S
  subject: (t: Translate, payload: z.output<S>) => string
  Component: ComponentType<z.output<S> & { locale: Locale }>
}

// Adding an email: write emails/<name>.tsx exporting an EmailDefinition, add one line here.
const templates = {
  'password-reset': passwordReset,
  'submission-receipt': submissionReceipt,
  'changes-requested': changesRequested,
  'decision-approved': decisionApproved,
  'decision-waitlisted': decisionWaitlisted,
  'decision-rejected': decisionRejected,
  'round-offer': roundOffer,
  'reviewer-reminder': reviewerReminder,
  'new-applications-digest': newApplicationsDigest,
  'draft-deadline-reminder': draftDeadlineReminder,
  'return-report-overdue': returnReportOverdue,
  'staff-invitation': staffInvitation,
  'account-invitation': accountInvitation,
  'signup-confirmation': signupConfirmation,
  'signup-existing-account': signupExistingAccount,
  'agreement-renewal': agreementRenewal,
  'deletion-refused': deletionRefused,
  'guardian-consent': guardianConsent,
  'incident-check': incidentCheck,
  'stay-reminder': stayReminder,
  'learning-agreement-submitted': learningAgreementSubmitted,
  'learning-agreement-decided': learningAgreementDecided,
}

export type EmailTemplate = keyof typeof templates
export const emailTemplates = Object.keys(templates) as EmailTemplate[]
export const isEmailTemplate = (value: unknown): value is EmailTemplate => typeof value === 'string' && Object.hasOwn(templates, value)
export type EmailPayload<T extends EmailTemplate> = z.input<(typeof templates)[T]['payload']>

// What @react-email/render's render() puts before React's markup.
const doctype = '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">'

/**
 * Renders an email. The payload is validated because the outbox stores it as JSON: a row
 * written by older code or by hand is rejected with a clear message instead of a broken mail.
 */
export async function renderEmail<T extends EmailTemplate>(
  template: T,
  locale: Locale,
  payload: EmailPayload<T>,
): Promise<{ subject: string; html: string; text: string }> {
  if (!isEmailTemplate(template)) throw new Error(`Unknown email template "${template}"`)
  // Each entry was type-checked where it is defined; here it is looked up by a runtime string.
  const definition = templates[template] as unknown as EmailDefinition<z.ZodType<object>>
  const parsed = definition.payload.safeParse(payload)
  if (!parsed.success) {
    throw new Error(`Invalid payload for email template "${template}":\n${z.prettifyError(parsed.error)}`)
  }
  // Not @react-email/render's render() and toPlainText(): the outbox renders every email it sends,
  // and those cost about 1.5 ms each (a streaming render for Suspense, which no template uses;
  // html-to-text compiling its selectors on every call), against 0.2 ms each for these two.
  // emails/plain-text.test.ts checks that the text stays the same as toPlainText's.
  const html = doctype + renderToStaticMarkup(createElement(definition.Component, { ...parsed.data, locale }))
  return {
    subject: definition.subject(translator(locale), parsed.data),
    html,
    text: unstableToPlainText(html),
  }
}
