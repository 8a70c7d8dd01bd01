import { useNavigate } from '@remix-run/react'
import { useCallback, useRef } from 'react'

/**
 * Client-side navigation for the plain `<a href>` links inside an element (a queue's 50 rows): one
 * click listener on the element does what each `<Link>` would, without the router hooks a `<Link>`
 * runs on every server render (on a queue page, 50 of them cost more than the page's data). A click
 * asking for another tab or window, a download, or a link to another site is left to the browser.
 * The ref it returns listens on whichever element it is given, also one that appears later (a
 * queue that was empty before a search).
 */
export function usePlainLinks<T extends HTMLElement>() {
  const navigate = useNavigate()
  const listening = useRef<{ element: T; follow: (event: MouseEvent) => void } | null>(null)
  return useCallback(
    (element: T | null) => {
      if (listening.current) listening.current.element.removeEventListener('click', listening.current.follow)
      listening.current = null
      if (!element) return
      const follow = (event: MouseEvent) => {
        if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.altKey || event.ctrlKey || event.shiftKey) return
        const link = event.target instanceof Element ? event.target.closest('a') : null
        if (!link || !element.contains(link) || link.target || link.hasAttribute('download') || link.origin !== window.location.origin)
          return
        event.preventDefault()
        navigate(link.pathname + link.search + link.hash)
      }
      element.addEventListener('click', follow)
      listening.current = { element, follow }
    },
    [navigate],
  )
}
