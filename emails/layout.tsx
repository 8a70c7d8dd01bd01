import type { ReactNode } from 'react'
import { Body, Container, Head, Hr, Html, Preview, Section, Text } from '@react-email/components'
import { translator, type Locale } from '~/i18n'

const brand = '出国（境）交流申请平台 / Mobility Portal'

/** The frame every email shares: brand header, content, automatic-message footer. */
export function Layout({
  locale,
  preview,
  children,
}: {
  locale: Locale
  preview: string
  children: ReactNode
}) {
  const t = translator(locale)
  return (
    <Html lang={locale}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: '#f4f5f7', fontFamily: 'Arial, "Microsoft YaHei", sans-serif' }}>
        <Container style={{ backgroundColor: '#ffffff', margin: '24px auto', maxWidth: '560px' }}>
          <Section style={{ backgroundColor: '#8b1a1a', padding: '16px 24px' }}>
            <Text style={{ color: '#ffffff', fontSize: '16px', fontWeight: 'bold', margin: 0 }}>
              {brand}
            </Text>
          </Section>
          <Section style={{ padding: '8px 24px', color: '#1f2328', fontSize: '14px', lineHeight: '22px' }}>
            {children}
          </Section>
          <Hr style={{ borderColor: '#e5e7eb', margin: 0 }} />
          <Text style={{ color: '#6b7280', fontSize: '12px', padding: '0 24px' }}>
            {t('email.footer')}
          </Text>
        </Container>
      </Body>
    </Html>
  )
}
