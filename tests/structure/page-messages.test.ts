// Each page sends only the message areas its routes declare (handle.messages, app/root.tsx): here,
// read from the sources, every key a page or the components it imports can show must be in an
// area the page sends. At run time the page's translator reports a key from an area the page does
// not send as an error, on the server and in the browser (the end-to-end journeys fail on it).
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ALWAYS_SENT, pageAreas } from '~/i18n'
import { declaredAreas, neededAreas, pageModules } from '../../scripts/lib/page-messages'

const pages = pageModules().map((file) => [path.relative('app/routes', file), file] as const)

describe('every page sends the message areas it shows', () => {
  test('the layout and the shell use only the areas every page sends', () => {
    const needed = neededAreas(path.resolve('app/root.tsx'), { server: false })
    const outside = [...needed].filter(([area]) => !ALWAYS_SENT.includes(area)).map(([area, why]) => `${area}: ${why}`)
    expect(outside).toEqual([])
  })

  test('there are pages to check', () => expect(pages.length).toBeGreaterThan(40))

  test.each(pages)('%s', (_name, file) => {
    const sent = pageAreas(declaredAreas(file))
    const missing = [...neededAreas(file)].filter(([area]) => !sent.includes(area)).map(([area, why]) => `${area}: ${why}`)
    expect(missing, 'areas to add to the route’s handle.messages').toEqual([])
  })

  // An area no key of the page needs is weight in every response and parse time in the browser.
  test.each(pages)('%s sends no area it cannot show', (_name, file) => {
    const needed = neededAreas(file)
    expect(
      declaredAreas(file).filter((area) => !needed.has(area)),
      'areas to drop from the route’s handle.messages',
    ).toEqual([])
  })
})
