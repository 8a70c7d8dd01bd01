// The page's JavaScript starts loading once the page has been painted, not before (decision 27).
// Remix's <Scripts> writes a <link rel="modulepreload"> for every module of the page (about 90 KB
// gzip of shared code) and a module script whose static imports load the route modules: the
// browser fetches all of it while it still has to paint the server-rendered page, which is
// complete without it. This rewrites that output of Remix 2.17 in the finished HTML: the preloads
// and the imports move into a script that first waits for a painted frame and then adds the same
// preloads and imports the same modules (so hydration still loads them in parallel).
// The <link> elements stay, inert (`rel="x-modulepreload"`, `data-href` in place of `href`): hydration
// expects them, and a modulepreload without `href` makes the browser log a warning.
// The script is a classic one holding an async function, not a module (decision 45): a fresh
// browser compiled the module script for 7 ms in the same task as its first layout, before the
// paint. Its steps after the paint each run in a task of their own (a message between them): the
// first request a fresh page makes and the ten imports that follow took 15–27 ms at once.
// Without JavaScript nothing changes; a page the rewrite does not recognise is left as it was.
// All of it is at the end of the page: only that end is decoded and rewritten, the rest (most of a
// long page, the queue's 50 rows) goes out as the bytes React wrote.

const PRELOAD = /<link rel="modulepreload" href="([^"]+)"\/>/g
const MODULE_SCRIPT = /(<script[^>]*type="module"[^>]*>)([\s\S]*?)(<\/script>)/
const STATIC_IMPORT = /^import \* as (route\d+) from ("[^"]+");$/gm

const FIRST_PRELOAD = Buffer.from('<link rel="modulepreload" ')

export function scriptsAfterPaint(page: Buffer<ArrayBuffer>): Buffer<ArrayBuffer> {
  const from = page.indexOf(FIRST_PRELOAD)
  if (from === -1) return page
  const end = page.subarray(from).toString('utf8')
  const rewritten = rewrite(end)
  return rewritten === end ? page : Buffer.concat([page.subarray(0, from), Buffer.from(rewritten)])
}

function rewrite(html: string): string {
  const preloads = [...html.matchAll(PRELOAD)].map((m) => m[1])
  const script = MODULE_SCRIPT.exec(html)
  if (preloads.length === 0 || !script) return html
  const body = script[2]
  const imports = [...body.matchAll(STATIC_IMPORT)]
  const rest = body.replace(STATIC_IMPORT, '').trim()
  // Remix's script with lazy route discovery: the route imports, the partial manifest, the modules,
  // the entry. Any other static import would still load before the paint: then leave it all alone.
  // `import.meta` and `export` would need a module.
  if (imports.length === 0 || /^\s*import[\s{*"']/m.test(rest) || /\bimport\.meta\b|^\s*export\b/m.test(rest)) return html
  const names = imports.map((m) => m[1])
  // Imported by the rest (the entry, which hydrates): preloaded, run only after the route modules.
  const later = [...rest.matchAll(/import\(("[^"]+")\)/g)].map((m) => JSON.parse(m[1]) as string)
  const routes = imports.map((m) => JSON.parse(m[2]) as string)
  const shared = preloads.filter((href) => !routes.includes(href) && !later.includes(href))
  const nonce = /\snonce="([^"]*)"/.exec(script[1])
  const rewritten = [
    '(async () => {',
    // A message, not a timeout: nested timeouts wait at least 4 ms each from the fifth on.
    'const task = () => new Promise((r) => { const c = new MessageChannel(); c.port1.onmessage = r; c.port2.postMessage(null); });',
    // A frame is painted before the callback of the timeout set in requestAnimationFrame runs.
    'await new Promise((r) => requestAnimationFrame(() => setTimeout(r)));',
    `for (const href of ${JSON.stringify(later)}) document.head.appendChild(Object.assign(document.createElement("link"), { rel: "modulepreload", href }));`,
    'const modules = [];',
    // A failed import is reported once, by Promise.all below, not also as unhandled while the loop waits.
    `for (const href of ${JSON.stringify([...routes, ...shared])}) { await task(); const module = import(href); module.catch(() => {}); modules.push(module); }`,
    `const [${names.join(', ')}] = await Promise.all(modules);`,
    rest,
    '})();',
  ].join('\n')
  return html
    .replace(PRELOAD, (_, href: string) => `<link rel="x-modulepreload" data-href="${href}"/>`)
    .replace(MODULE_SCRIPT, () => `<script${nonce ? ` nonce="${nonce[1]}"` : ''}>${rewritten}${script[3]}`)
}
