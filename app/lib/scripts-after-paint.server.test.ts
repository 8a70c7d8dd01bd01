import { describe, expect, test } from 'vitest'
import { scriptsAfterPaint as rewriteBytes } from './scripts-after-paint.server'

const scriptsAfterPaint = (html: string) => rewriteBytes(Buffer.from(html)).toString('utf8')

// What Remix 2.17's <Scripts> writes with lazy route discovery (see its components.js).
const remixScripts = [
  '<link rel="modulepreload" href="/assets/entry.client-A.js"/>',
  '<link rel="modulepreload" href="/assets/components-B.js"/>',
  '<link rel="modulepreload" href="/assets/root-C.js"/>',
  '<link rel="modulepreload" href="/assets/login-D.js"/>',
  '<script nonce="n0nce">window.__remixContext = {"state":{}};</script>',
  '<script nonce="n0nce" type="module" async="">import * as route0 from "/assets/root-C.js";',
  'import * as route1 from "/assets/login-D.js";',
  'window.__remixManifest = {"entry":{}};',
  'window.__remixRouteModules = {"root":route0,"routes/login":route1};',
  '',
  'import("/assets/entry.client-A.js");</script>',
].join('\n')
const page = `<!DOCTYPE html><html><head><style>body{}</style></head><body><main>页面</main>${remixScripts}</body></html>`

describe('the page’s JavaScript loads after the first paint', () => {
  const rewritten = scriptsAfterPaint(page)

  test('no module is fetched before the script runs: the preload links stay for hydration, inert', () => {
    expect(rewritten).not.toMatch(/<link[^>]+\shref="\/assets\/[^"]+\.js"/)
    expect(rewritten.match(/<link rel="x-modulepreload" data-href="[^"]+"\/>/g)).toHaveLength(4)
    expect(rewritten).not.toMatch(/^import \* as/m)
  })

  test('a classic script waits for a painted frame, then loads the same modules, one task each, and the entry last', () => {
    expect(rewritten).not.toContain('type="module"')
    const script = /<script nonce="n0nce">(\(async \(\) => \{[\s\S]*?\}\)\(\);)<\/script>/.exec(rewritten)![1]
    expect(script.indexOf('requestAnimationFrame')).toBeLessThan(script.indexOf('modulepreload'))
    // The entry (it hydrates) is preloaded and runs after the routes; every other module is imported, each in a task of its own.
    expect(script).toContain('for (const href of ["/assets/entry.client-A.js"]) document.head.appendChild(')
    expect(script).toContain(
      'for (const href of ["/assets/root-C.js","/assets/login-D.js","/assets/components-B.js"]) { await task(); const module = import(href); module.catch(() => {}); modules.push(module); }',
    )
    // Each step is a message away, not a timeout (nested timeouts wait 4 ms each from the fifth on).
    expect(script).toContain('new MessageChannel()')
    expect(script).toContain('const [route0, route1] = await Promise.all(modules);')
    expect(script).toContain('window.__remixRouteModules = {"root":route0,"routes/login":route1};')
    expect(script.endsWith('import("/assets/entry.client-A.js");\n})();')).toBe(true)
    // It parses as a classic script (a module's syntax, such as a static import, would not).
    expect(() => new Function(script)).not.toThrow()
    // The rest of the page is untouched.
    expect(rewritten.slice(0, rewritten.indexOf('<link'))).toBe(page.slice(0, page.indexOf('<link')))
  })

  test('a page it does not recognise is left as it was', () => {
    const other = page.replace('import * as route0 from', 'import route0 from')
    expect(scriptsAfterPaint(other)).toBe(other)
    // A module's own syntax would not run in the classic script.
    const meta = page.replace('window.__remixManifest', 'import.meta.hot; window.__remixManifest')
    expect(scriptsAfterPaint(meta)).toBe(meta)
    const noScripts = '<html><body><p>hi</p></body></html>'
    expect(scriptsAfterPaint(noScripts)).toBe(noScripts)
  })

  test('only the end of the page is decoded: the page before the first preload is passed on as its bytes', () => {
    // A lone byte of an unfinished character would become U+FFFD if the whole page were decoded.
    const before = Buffer.concat([Buffer.from('<!DOCTYPE html><html><body><main>'), Buffer.from([0xe5]), Buffer.from('</main>')])
    const out = rewriteBytes(Buffer.concat([before, Buffer.from(`${remixScripts}</body></html>`)]))
    expect(out.subarray(0, before.length).equals(before)).toBe(true)
    expect(out.toString('utf8')).toContain('<link rel="x-modulepreload" data-href="/assets/login-D.js"/>')
    const untouched = Buffer.from(page.replace('import * as route0 from', 'import route0 from'))
    expect(rewriteBytes(untouched)).toBe(untouched)
  })
})
