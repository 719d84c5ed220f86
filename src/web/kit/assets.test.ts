// The asset build, without a browser: the stylesheet, the client script and the browser verifier
// (core's verification bundled with the node: stand-ins of src/browser/node). Without the verifier,
// /verify quietly verifies on the server instead; this fails in seconds when the bundle no longer
// builds, say when core starts using a Node built-in the browser has no stand-in for.
import { describe, expect, it } from 'vitest'
import { assetManifest } from './assets.js'

describe('assets', () => {
  it('bundles the stylesheet, the client script and the browser verifier', async () => {
    const manifest = await assetManifest()
    expect(manifest.css).toMatch(/^\/assets\/emblem\.[A-Z0-9]+\.css$/)
    expect(manifest.js).toMatch(/^\/assets\/app\.[A-Z0-9]+\.js$/)
    expect(manifest.verifier).toMatch(/^\/assets\/verifier\.[A-Z0-9]+\.js$/)
    const verifier = new TextDecoder().decode(manifest.files.get(manifest.verifier!)!.body)
    // Bundled whole: no import of a Node built-in is left for the browser to fail on.
    expect(verifier).not.toMatch(/from\s*["']node:/)
    expect(verifier).toContain('eddsa-rdfc-2022')
  }, 120_000)
})
