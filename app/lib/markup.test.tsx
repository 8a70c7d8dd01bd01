import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, test } from 'vitest'
import { escapeHtml, markup } from './markup'

const hostile = `"><img src=x onerror="alert('x')">&amp;</td><script>alert(1)</script>`

describe('markup: HTML from a template whose values are escaped', () => {
  test('a value in text or in a quoted attribute cannot end either, nor start markup', () => {
    const cell = markup`<td title="${hostile}">${hostile}</td>`.html
    const escaped =
      '&quot;&gt;&lt;img src=x onerror=&quot;alert(&#x27;x&#x27;)&quot;&gt;&amp;amp;&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
    expect(cell).toBe(`<td title="${escaped}">${escaped}</td>`)
  })

  test('escapes as React does, so a string row and a React row of the same text are the same markup', () => {
    for (const text of [hostile, '王芳 · B2024001 · 计算机学院', "O'Brien & Søn", '1 < 2 > 0']) {
      expect(markup`<span class="${text}">${text}</span>`.html).toBe(renderToStaticMarkup(<span className={text}>{text}</span>))
    }
  })

  test('what markup made nests unescaped, a list of it is joined, and null, undefined and false leave nothing', () => {
    const cells = ['a<b', 'c'].map((c) => markup`<td>${c}</td>`)
    expect(markup`<tr>${cells}${null}${undefined}${false}${0}</tr>`.html).toBe('<tr><td>a&lt;b</td><td>c</td>0</tr>')
    expect(escapeHtml(3)).toBe('3')
    // Only what markup made passes as markup: an object of the same shape is not it.
    // @ts-expect-error a plain object is no Markup
    expect(markup`<b>${{ html: '<i>' }}</b>`.html).toBe('<b>[object Object]</b>')
  })
})
