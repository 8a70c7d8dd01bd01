import { Fragment, type ReactNode } from 'react'
import { Body, Button, Container, Head, Hr, Html, Link, Preview, Section, Text } from '@react-email/components'
import { z } from 'zod'
import { translator, type Locale } from '~/i18n'

/** What every email about a student's application carries; `message` is the reviewer's note to them. */
export const applicationPayload = z.object({
  name: z.string().min(1),
  programTitle: z.string().min(1),
  reference: z.string().min(1),
  applicationUrl: z.url(),
  message: z.string().min(1).optional(),
})

const brand = '出国（境）交流申请平台 / Mobility Portal'

/** The frame every email shares: brand header, content, automatic-message footer. */
export function Layout({ locale, preview, children }: { locale: Locale; preview: string; children: ReactNode }) {
  const t = translator(locale)
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Arial, "Microsoft YaHei", sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', margin: '24px auto', maxWidth: '560px' }}>
          <Section style={{ backgroundColor: '#8b1a1a', padding: '16px 24px' }}>
            <Text style={{ color: '#ffffff', fontSize: '16px', fontWeight: 'bold', margin: 0 }}>{brand}</Text>
          </Section>
          <Section style={{ padding: '8px 24px', color: '#1f2328', fontSize: '14px', lineHeight: '22px' }}>{children}</Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: 0 }} />
          <Text style={{ color: '#6b7280', fontSize: '12px', padding: '0 24px' }}>{t('email.footer')}</Text>
        </Container>
      </Body>
    </Html>
  )
}

/** The call to action, with the bare link underneath for mail clients that drop buttons. */
export function Action({ locale, href, label }: { locale: Locale; href: string; label: string }) {
  const t = translator(locale)
  return (
    <>
      <Button href={href} style={{ backgroundColor: '#8b1a1a', color: '#ffffff', padding: '10px 20px', borderRadius: '4px' }}>
        {label}
      </Button>
      <Text>
        {t('email.linkFallback')}
        <br />
        <Link href={href}>{href}</Link>
      </Text>
    </>
  )
}

/** A labelled block of free text written by a person; its line breaks survive in html and text. */
export function Quote({ label, text }: { label: string; text: string }) {
  return (
    <Text>
      <strong>{label}</strong>
      {text.split('\n').map((line, i) => (
        <Fragment key={i}>
          <br />
          {line}
        </Fragment>
      ))}
    </Text>
  )
}
