import { RemixBrowser } from '@remix-run/react'
import { startTransition, StrictMode, useEffect, type ReactNode } from 'react'
import { hydrateRoot } from 'react-dom/client'
import { NonceProvider } from './components/nonce'

// The page's Content-Security-Policy nonce, so hydration renders the inline scripts as the server
// did: with '' React warned "Prop `nonce` did not match" on every page load in development. The
// `nonce` property keeps the value where a browser hides the attribute.
const nonce = document.querySelector<HTMLScriptElement>('script[nonce]')?.nonce ?? ''

// While Remix decodes the page's data, React does not see the events it would answer by hydrating
// the whole page at once (React 18's list, `discreteReplayableEvents`): Remix suspends the first
// render until then, and a click or key in that moment failed the root with "Root did not
// complete" (React error 345) and could leave the page never hydrated. The events are let through
// once Remix has made its router (the data is decoded; React then hydrates on a click as usual),
// or at the latest once the page has hydrated. Meanwhile the page works as plain HTML, as before
// its scripts arrived: links and forms go to the server.
const HELD = [
  'mousedown',
  'mouseup',
  'touchcancel',
  'touchend',
  'touchstart',
  'auxclick',
  'dblclick',
  'pointercancel',
  'pointerdown',
  'pointerup',
  'dragend',
  'dragstart',
  'drop',
  'compositionend',
  'compositionstart',
  'keydown',
  'keypress',
  'keyup',
  'input',
  'textInput',
  'copy',
  'cut',
  'paste',
  'click',
  'change',
  'contextmenu',
  'reset',
  'submit',
]
const hold = (event: Event) => event.stopImmediatePropagation()
for (const type of HELD) window.addEventListener(type, hold, true)
const release = () => {
  for (const type of HELD) window.removeEventListener(type, hold, true)
}
let remixRouter: unknown
Object.defineProperty(window, '__remixRouter', {
  configurable: true,
  get: () => remixRouter,
  set(router: unknown) {
    remixRouter = router
    release()
  },
})

function Hydrated({ children }: { children: ReactNode }) {
  useEffect(release, [])
  return children
}

startTransition(() => {
  hydrateRoot(
    document,
    <StrictMode>
      <NonceProvider value={nonce}>
        <Hydrated>
          <RemixBrowser />
        </Hydrated>
      </NonceProvider>
    </StrictMode>,
  )
})
