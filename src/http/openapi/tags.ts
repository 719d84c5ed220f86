// The sections of the API reference, in order: the JSON API under /api/v1 first, then the public
// documents integrators fetch (credentials, status lists, issuer documents, the log).

/** One tag of the OpenAPI document: a resource and what it is for. */
export interface Tag {
  name: string
  description: string
}

export const TAGS: readonly Tag[] = [
  { name: 'Account', description: 'Your account and sessions, for scripts and single-page clients that act as a person (cookie session + CSRF token).' },
  { name: 'Organizations', description: "Issuing organizations: their profile (an Open Badges issuer Profile and a did:web DID) and logo. A person creates one and becomes its owner." },
  { name: 'Members', description: 'Who works in an organization and with which role (owner, admin, issuer, viewer), and invitations to join.' },
  { name: 'Signing keys', description: "The organization's Ed25519 keys that sign its credentials, listed in its DID document. Rotation keeps old keys so old credentials still verify." },
  { name: 'API keys', description: 'Bearer keys for scripts and integrations, each acting for one organization with one role. The secret is shown once.' },
  { name: 'Achievements', description: 'What an organization awards: Open Badges 3.0 achievements with the EU micro-credential elements, drafted, published and archived.' },
  { name: 'Badge images', description: 'Badge images (PNG or SVG, checked and sanitized) and badges drawn by the designer; public under /images/{id}.' },
  { name: 'Skills', description: 'The skills and occupations frameworks (ESCO, O*NET) achievements align to.' },
  { name: 'Credentials', description: 'Issuing one credential (with Idempotency-Key), listing and reading issued credentials, revoking and suspending them.' },
  { name: 'Batches', description: 'Bulk issuance from a CSV file: one credential per row, run in the background, with progress and an error report.' },
  { name: 'Activity', description: "An organization's activity: issued, claimed, revoked and verified per day." },
  { name: 'Administration', description: "The instance itself, for its administrators (EMBLEM_ADMIN_EMAILS): the instance's own e-mail (address confirmations, password resets), held here while no SMTP is configured." },
  { name: 'Wallet', description: 'A learner’s wallet: the credentials they keep (claimed from this instance or imported), their verification and standing, collections, and claiming everything sent to their confirmed addresses.' },
  { name: 'Sharing', description: "A learner's public profile `/u/<handle>` (opt-in; `Accept: application/json` gives its public credentials), share links to a credential or collection (`/s/<token>`, optional expiry, revocable, counted views) and the skills profile." },
  { name: 'Presentations', description: 'Proving possession: each account has a holder key (did:key); it signs W3C Verifiable Presentations of wallet credentials for a verifier’s challenge, and anyone verifies one.' },
  { name: 'Privacy', description: 'Your data: export everything as a zip, notification settings, and deleting your account (issued credentials stay verifiable).' },
  { name: 'Career', description: 'A learner’s career planner: target occupations, the skills their verified credentials cover and the gap, programs that close it, the occupations a credential leads toward, and aggregated demand signals.' },
  { name: 'Connected apps', description: 'Wallets and hosts you allowed to read or add your credentials, or read or update your profile, through the 1EdTech Open Badges 3.0 API at `/ims/ob/v3p0` (OAuth 2.0; see docs/INTEGRATIONS.md), and disconnecting them.' },
  { name: 'Connected hosts', description: 'Other Open Badges 3.0 hosts you connected Emblem to as a client (OAuth 2.0, PKCE): import every credential they keep for you into your wallet, or send one of your credentials there (see docs/INTEGRATIONS.md).' },
  { name: 'Endorsements', description: "An organization endorses another organization or its achievement with a signed Open Badges 3.0 EndorsementCredential, shown on the public pages and verified like a credential." },
  { name: 'Talent', description: 'Employers find people by verified skills: employer organizations search learners who opted in (ESCO and O*NET skills, broader skills match narrower ones, filters for issuer, EQF level, recency and location), save searches and write to learners through the platform (addresses are never shown). Learners opt in, see who viewed them, reply, block and withdraw.' },
  { name: 'Webhooks', description: 'An organization’s webhook endpoints (Standard Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature` over the JSON body with the endpoint’s `whsec_` secret): credential issued, claimed, revoked, suspended, verified, batch finished, enrolment completed; retried with exponential backoff for 3 days; a delivery log with redelivery.' },
  { name: 'LTI', description: 'Emblem as an LTI 1.3 tool: the learning platforms (Moodle, Canvas…) an organization registered, the courses launched from them, and grade sync (AGS + NRPS) issuing credentials for mapped achievements. The tool itself answers at `/lti/login`, `/lti/launch` and `/lti/jwks`.' },
  { name: 'Programs', description: 'Learning programs that lead to an achievement: the public catalog, enrolment, requirements (evidence, scores, reviews, attendance, credentials held), the assessors’ review queue, and the credential issued once every requirement is met.' },
  { name: 'Learner records', description: 'Comprehensive Learner Record 2.0: a learner bundles chosen credentials into one signed `ClrCredential`, an organization issues one for a completed program; and Europass Digital Credentials: achievements and credentials as European Learning Model 3 JSON-LD.' },
  { name: 'Pathways', description: 'Stackable credentials: an organization’s achievement issued automatically, once, to a learner who holds its parts (achievements of any organization here or of trusted issuers), all of them or N of them, optionally in order and within a window of days.' },
  { name: 'Verification', description: 'Verify any Open Badges 3.0 / VC 2.0 credential: every check in order (shape, proof, validity, status, issuer, transparency log). No account needed.' },
  { name: 'Credential documents', description: 'Public documents of an issued credential: the signed credential (content-negotiated), its downloads (JSON, VC-JWT, baked badge PNG and SVG, PDF certificate) and badge images.' },
  { name: 'Status lists', description: 'Bitstring Status List credentials that say whether a credential is revoked or suspended.' },
  { name: 'Issuer documents', description: "An organization's did:web DID document (its keys) and its Open Badges issuer Profile." },
  { name: 'Transparency log', description: 'The public append-only Merkle log of every issued credential (C2SP tlog-tiles): signed checkpoints, tiles, and JSON proofs of inclusion and consistency.' },
  { name: 'Service', description: 'The instance itself: liveness and this API description.' },
]
