import { createContext, useContext } from 'react'

// The Content-Security-Policy nonce of this response, for Remix's inline scripts: provided by
// entry.server.tsx, and by entry.client.tsx from the page (so hydration matches the server's HTML).
const NonceContext = createContext('')
export const NonceProvider = NonceContext.Provider
export const useNonce = () => useContext(NonceContext)
