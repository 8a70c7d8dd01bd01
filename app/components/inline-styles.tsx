import { createContext, useContext } from 'react'

// The site's stylesheet, written into the page's head by the server (entry.server.tsx), so the first
// paint waits for no other request (decision 27). The browser never renders it again: hydration
// leaves the element as the server wrote it, and later renders do not change its (empty) props.
const InlineStylesContext = createContext('')
export const InlineStylesProvider = InlineStylesContext.Provider

export function InlineStyles() {
  const css = useContext(InlineStylesContext)
  return <style suppressHydrationWarning dangerouslySetInnerHTML={{ __html: css }} />
}
