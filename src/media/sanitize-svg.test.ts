import { describe, expect, it } from 'vitest'
import { isPlatformError } from '../core/errors.js'
import { isSafeValue, sanitizeSvg } from './sanitize-svg.js'

const svg = (body: string, rootAttributes = '') =>
  `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 10 10"${rootAttributes}>${body}</svg>`

const refused = (text: string, message: RegExp) => {
  try {
    sanitizeSvg(text)
  } catch (err) {
    expect(isPlatformError(err, 'ERR_IMAGE_INVALID')).toBe(true)
    expect((err as Error).message).toMatch(message)
    return
  }
  throw new Error('expected sanitizeSvg to refuse the input')
}

describe('sanitizeSvg', () => {
  it('keeps a plain drawing as it was, with the SVG namespace on the root', () => {
    const input =
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><g fill="#ff0000"><circle cx="5" cy="5" r="4"/>' +
      '<text x="1" y="9" font-family="sans-serif">A &amp; B &lt;3</text></g></svg>'
    expect(sanitizeSvg(input)).toBe(input)
  })

  it('removes <script> elements, including scripts hidden in CDATA', () => {
    const out = sanitizeSvg(svg('<script>alert(1)</script><script><![CDATA[alert(2)]]></script><rect width="1" height="1"/>'))
    expect(out).not.toMatch(/script|alert/)
    expect(out).toContain('<rect width="1" height="1"/>')
  })

  it('removes event handler attributes such as onload and onclick', () => {
    const out = sanitizeSvg(svg('<circle r="1" onclick="alert(1)" ONMOUSEOVER="x()"/>', ' onload="alert(document.cookie)"'))
    expect(out).not.toMatch(/on(load|click|mouseover)|alert/i)
    expect(out).toContain('<circle r="1"/>')
  })

  it('drops <use> whose href leaves the document, and keeps a local #fragment', () => {
    const out = sanitizeSvg(
      svg('<defs><circle id="dot" r="1"/></defs><use xlink:href="https://evil.example/sprite.svg#x"/>' +
        '<use href="other.svg#dot"/><use xlink:href="#dot" x="2"/>'),
    )
    expect(out).not.toContain('evil.example')
    expect(out).not.toContain('other.svg')
    expect(out).toContain('<use xlink:href="#dot" x="2"/>')
    expect(out).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" xmlns:xlink="http:\/\/www.w3.org\/1999\/xlink"/)
  })

  it('removes external <image> elements and data: URIs', () => {
    const out = sanitizeSvg(
      svg('<image href="https://tracker.example/pixel.png" width="1" height="1"/>' +
        '<image xlink:href="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+"/>'),
    )
    expect(out).not.toMatch(/image|tracker|data:/)
  })

  it('removes <foreignObject> together with the HTML inside it', () => {
    const out = sanitizeSvg(
      svg('<foreignObject width="10" height="10"><body xmlns="http://www.w3.org/1999/xhtml">' +
        '<iframe src="javascript:alert(1)"></iframe><img src="x" onerror="alert(1)"/></body></foreignObject>'),
    )
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"/>')
  })

  it('removes <a href="javascript:…"> and what it wraps', () => {
    const out = sanitizeSvg(svg('<a href="javascript:alert(1)"><text>click me</text></a>'))
    expect(out).not.toMatch(/javascript|click me|<a/)
  })

  it('removes <style> elements and style attributes that load from elsewhere', () => {
    const out = sanitizeSvg(
      svg('<style>@import url(https://evil.example/x.css); rect { fill: url(http://evil.example/p) }</style>' +
        '<rect style="fill: url( \'http://evil.example/p\' )" width="1"/><rect style="fill:#00f;stroke:url(#grad)" width="2"/>'),
    )
    expect(out).not.toMatch(/evil|@import|<style/)
    expect(out).toContain('<rect width="1"/>')
    expect(out).toContain('<rect style="fill:#00f;stroke:url(#grad)" width="2"/>')
  })

  it('drops attributes whose value hides a javascript: URL or a remote url()', () => {
    const out = sanitizeSvg(svg('<rect fill="url(https://evil.example/#g)" stroke="url(#ok)" filter="url(#f)" mask="java\nscript:x"/>'))
    expect(out).toContain('<rect stroke="url(#ok)"/>')
  })

  it('refuses a DOCTYPE, so entity expansion (billion laughs) and external entities (XXE) never happen', () => {
    refused(
      '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">' +
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><svg xmlns="http://www.w3.org/2000/svg"><text>&c;</text></svg>',
      /DOCTYPE/,
    )
    refused(
      '<!DOCTYPE svg [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&xxe;</text></svg>',
      /DOCTYPE/,
    )
  })

  it('refuses an entity reference that was never declared', () => {
    refused(svg('<text>&xxe;</text>'), /not well-formed XML: .*undefined entity/)
  })

  it('refuses malformed XML and says why', () => {
    refused('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>', /^SVG is not well-formed XML: /)
    refused('', /not well-formed XML/)
    refused('<svg xmlns="http://www.w3.org/2000/svg"><x:y/></svg>', /not well-formed XML: .*prefix/)
  })

  it('refuses a document whose root is not <svg>', () => {
    refused('<html><svg xmlns="http://www.w3.org/2000/svg"/></html>', /root element must be <svg>, not <html>/)
    refused('<svg xmlns="http://www.w3.org/1999/xhtml"/>', /root element must be <svg>/)
  })

  it('refuses absurdly deep nesting', () => {
    refused(svg('<g>'.repeat(200) + '</g>'.repeat(200)), /more than 100 levels deep/)
  })

  it('drops comments, processing instructions and foreign-namespace editor metadata', () => {
    const out = sanitizeSvg(
      '<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?><!-- secret -->' +
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" ' +
        'inkscape:version="1.0"><inkscape:grid/><rect width="1"/><metadata>m</metadata></svg>',
    )
    expect(out).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1"/></svg>')
  })

  it('escapes text and attribute values on the way out', () => {
    const out = sanitizeSvg(svg('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title><text><![CDATA[a < b & "c"]]></text><g id="&quot;&gt;"/>'))
    expect(out).toContain('<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>')
    expect(out).toContain('<text>a &lt; b &amp; "c"</text>')
    expect(out).toContain('<g id="&quot;&gt;"/>')
    expect(sanitizeSvg(out)).toBe(out)
  })

  it('is a TypeError when called with something other than a string', () => {
    expect(() => sanitizeSvg(new Uint8Array(1) as unknown as string)).toThrow(TypeError)
  })
})

describe('isSafeValue', () => {
  it.each(['#fff', 'url(#a)', "url('#a')", 'translate(1 2)', 'Helvetica, sans-serif'])('accepts %s', (value) => {
    expect(isSafeValue(value)).toBe(true)
  })
  it.each(['url(x.svg#a)', 'URL( http://x )', 'javascript:alert(1)', ' JaVa Script :x', 'data:text/html,x', '@import "x"', 'u\\72l(x)'])(
    'rejects %s',
    (value) => {
      expect(isSafeValue(value)).toBe(false)
    },
  )
})
