import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { canonizeFast } from './canonize.js'
import { canonizeGeneral } from './rdfc.js'

// The OB 3.0 spec examples and 1EdTech validator fixtures: what other issuers write. Read from
// ../shared (never copied into the repository); skipped when it is absent.
const EXAMPLES = path.resolve(process.cwd(), '../shared/interop/examples')
const exists = existsSync(EXAMPLES)
const files = exists
  ? readdirSync(EXAMPLES).flatMap((dir) => readdirSync(path.join(EXAMPLES, dir)).filter((f) => f.endsWith('.json')).map((f) => `${dir}/${f}`)).sort()
  : []
const unsecured = (file: string): Record<string, unknown> => {
  const { proof: _proof, ...document } = JSON.parse(readFileSync(path.join(EXAMPLES, file), 'utf8')) as Record<string, unknown>
  return document
}

describe.skipIf(!exists)('the fast path on the interop examples (../shared/interop/examples)', () => {
  it.each(files)('%s: the fast path gives the general path\'s bytes, or both decline', async (file) => {
    const document = unsecured(file)
    const general = await canonizeGeneral(document).catch((err: { code?: string }) => err.code)
    const fast = await canonizeFast(document)
    // Only documents whose contexts Emblem does not bundle (CLR 2.0, Ed25519Signature2020) may decline.
    if (general === 'ERR_CONTEXT_UNKNOWN') expect(fast).toBeUndefined()
    else expect(fast).toBe(general)
  })

  it.each(['context.json', 'context-3.0.1.json', 'context-3.0.2.json', 'context-3.0.3.json'])(
    'the basic spec example in VC 1.1 form with OB %s takes the fast path',
    async (ob) => {
      const { validFrom, validUntil: _until, ...document } = unsecured('ob-v3p0/spec-basicOpenBadgeCredential.json')
      const vc11 = { ...document, '@context': ['https://www.w3.org/2018/credentials/v1', `https://purl.imsglobal.org/spec/ob/v3p0/${ob}`], issuanceDate: validFrom }
      const fast = await canonizeFast(vc11)
      expect(fast).toBeDefined()
      expect(fast).toBe(await canonizeGeneral(vc11))
    },
  )
})
