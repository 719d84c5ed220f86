import { SaxesParser } from 'saxes'
import { describe, expect, it } from 'vitest'
import { bakeSvg, extractFromSvg } from './svg-baking.js'

const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><circle cx="256" cy="256" r="200"/></svg>'
const CREDENTIAL = JSON.stringify({ type: ['VerifiableCredential', 'OpenBadgeCredential'], name: 'Zoë & <王>' }, null, 2)
const JWT = 'eyJhbGciOiJFZERTQSJ9.eyJ2YyI6e319.c2lnbmF0dXJl'

const elementNames = (xml: string): string[] => {
  const names: string[] = []
  const parser = new SaxesParser()
  parser.on('opentag', (tag) => names.push(tag.name))
  parser.write(xml).close()
  return names
}

describe('bakeSvg', () => {
  it('adds the OB 3.0 namespace and a CDATA credential as the first child of <svg>', () => {
    const baked = bakeSvg(SVG, CREDENTIAL)
    expect(baked).toBe(
      '<svg xmlns="http://www.w3.org/2000/svg" xmlns:openbadges="https://purl.imsglobal.org/ob/v3p0" viewBox="0 0 512 512">' +
        `<openbadges:credential><![CDATA[${CREDENTIAL}]]></openbadges:credential><circle cx="256" cy="256" r="200"/></svg>`,
    )
    expect(extractFromSvg(baked)).toBe(CREDENTIAL)
  })

  it('puts a compact JWT in the verify attribute', () => {
    const baked = bakeSvg(SVG, JWT)
    expect(baked).toContain(`<openbadges:credential verify="${JWT}"/>`)
    expect(extractFromSvg(baked)).toBe(JWT)
  })

  it('splits the CDATA section where the credential contains "]]>", and reads it back whole', () => {
    const tricky = JSON.stringify({ name: 'a]]>b', description: ']]>]]><script>alert(1)</script>' })
    const baked = bakeSvg(SVG, tricky)
    expect(elementNames(baked)).toEqual(['svg', 'openbadges:credential', 'circle'])
    expect(extractFromSvg(baked)).toBe(tricky)
  })

  it('sanitizes the image it bakes into', () => {
    const baked = bakeSvg(SVG.replace('<circle', '<script>alert(1)</script><circle onclick="x()"'), JWT)
    expect(baked).not.toMatch(/script|onclick/)
  })

  it('replaces a credential that was baked before', () => {
    const rebaked = bakeSvg(bakeSvg(SVG, CREDENTIAL), JWT)
    expect(rebaked.match(/openbadges:credential/g)).toHaveLength(1)
    expect(extractFromSvg(rebaked)).toBe(JWT)
  })

  it('refuses a credential that is neither JSON nor a JWT, and an SVG the sanitizer refuses', () => {
    expect(() => bakeSvg(SVG, 'nope')).toThrow(expect.objectContaining({ code: 'ERR_INPUT_INVALID' }))
    expect(() => bakeSvg('<svg', JWT)).toThrow(expect.objectContaining({ code: 'ERR_IMAGE_INVALID' }))
  })
})

describe('extractFromSvg', () => {
  it('reads a credential baked by another tool, with whitespace and any prefix', () => {
    const other =
      '<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" xmlns:ob="https://purl.imsglobal.org/ob/v3p0">\n' +
      `  <ob:credential>\n    <![CDATA[${CREDENTIAL}]]>\n  </ob:credential>\n  <rect width="1" height="1"/>\n</svg>`
    expect(extractFromSvg(other)).toBe(CREDENTIAL)
  })

  it('finds nothing in an SVG that was never baked, or baked under another namespace', () => {
    expect(extractFromSvg(SVG)).toBeUndefined()
    expect(extractFromSvg('<svg xmlns="http://www.w3.org/2000/svg" xmlns:o="http://openbadges.org"><o:assertion verify="x"/></svg>')).toBeUndefined()
  })

  it('refuses malformed XML, a DOCTYPE and an empty credential element', () => {
    expect(() => extractFromSvg('<svg><openbadges:credential>')).toThrow(/not well-formed XML/)
    expect(() => extractFromSvg('<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]><svg/>')).toThrow(/DOCTYPE/)
    expect(() => extractFromSvg(`<svg xmlns:o="${'https://purl.imsglobal.org/ob/v3p0'}"><o:credential> </o:credential></svg>`)).toThrow(/empty/)
  })
})
