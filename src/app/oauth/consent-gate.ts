// The consent page (web/) finishes an authorization that the OAuth server (http/ob3) started; the
// server registers how to do that for its platform here, and the page asks for it. Keyed by the
// bound Platform, so two instances in one process keep their own.
import type { Platform } from '../platform/platform.js'

/** An authorization waiting for the learner's answer, as the consent page shows it. */
export interface ConsentRequest {
  uid: string
  client: OAuthClientInfo
  /** The scopes asked for, OB 3.0 scopes first (and `offline_access` when asked). */
  scopes: string[]
  redirectUri: string
}

/** A registered client as a learner sees it. */
export interface OAuthClientInfo {
  clientId: string
  name: string
  clientUri: string | null
  logoUri: string | null
  policyUri: string | null
  tosUri: string | null
  redirectUris: string[]
}

/** What the OAuth server offers the consent page. */
export interface ConsentGate {
  /** The authorization `uid` waiting for an answer, or undefined (unknown, expired, or already answered). */
  request(uid: string): Promise<ConsentRequest | undefined>
  /** The learner allows: a grant for the scopes asked; returns where the browser goes next (the server's resume URL). */
  allow(uid: string, userId: string): Promise<string>
  /** The learner denies: the client gets `access_denied`; returns the resume URL. */
  deny(uid: string): Promise<string>
}

const gates = new WeakMap<Platform, ConsentGate>()

export const registerConsentGate = (platform: Platform, gate: ConsentGate): void => {
  gates.set(platform, gate)
}

export const consentGateOf = (platform: Platform): ConsentGate | undefined => gates.get(platform)
