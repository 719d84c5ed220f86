import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from 'jose'
import type { LtiRepo, LtiToolKeyRecord, LtiToolKeys } from '../app/lti/ports.js'
import type { Clock } from '../app/platform/ports.js'
import type { MasterKey } from './master-key.js'

const sealContext = (kid: string) => `lti-tool/${kid}`

/**
 * The LTI tool's RS256 key pair (LTI 1.3 requires RS256): made on first use, its private JWK sealed
 * under the master key like organizations' keys, opened only to sign. `kid` is the RFC 7638
 * thumbprint of the public key. Two first uses at once keep one key (the repository keeps the first).
 */
export function createLtiKeyRing({ store, masterKey, clock }: { store: Pick<LtiRepo, 'toolKey' | 'addToolKey'>; masterKey: MasterKey; clock: Clock }): LtiToolKeys {
  let signing: Promise<{ kid: string; key: Awaited<ReturnType<typeof importJWK>> }> | undefined
  async function ensure(): Promise<LtiToolKeyRecord> {
    const existing = await store.toolKey()
    if (existing) return existing
    const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048, extractable: true })
    const pub = await exportJWK(publicKey)
    const kid = await calculateJwkThumbprint(pub)
    const priv = await exportJWK(privateKey)
    return store.addToolKey({
      kid,
      publicJwk: JSON.stringify({ ...pub, kid, alg: 'RS256', use: 'sig' }),
      sealedPrivateJwk: masterKey.seal(new TextEncoder().encode(JSON.stringify(priv)), sealContext(kid)),
      createdAt: clock.now().toISOString(),
    })
  }
  const signingKey = () =>
    (signing ??= ensure()
      .then(async (k) => ({ kid: k.kid, key: await importJWK(JSON.parse(new TextDecoder().decode(masterKey.open(k.sealedPrivateJwk, sealContext(k.kid)))) as JWK, 'RS256') }))
      .catch((err: unknown) => {
        signing = undefined
        throw err
      }))
  return {
    async jwks() {
      const k = await ensure()
      return { keys: [JSON.parse(k.publicJwk) as Record<string, unknown>] }
    },
    async sign(claims) {
      const { kid, key } = await signingKey()
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(key)
    },
  }
}
