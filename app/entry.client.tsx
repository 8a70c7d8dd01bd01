import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { NonceProvider } from './components/nonce'

// The page's Content-Security-Policy nonce, so hydration renders the inline scripts as the server
// did: with '' React warned "Prop `nonce` did not match" on every page load in development. The
// `nonce` property keeps the value where a browser hides the attribute.
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? ''

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <RemixBrowser />
      </NonceProvider>
    </StrictMode>,
  )
})
