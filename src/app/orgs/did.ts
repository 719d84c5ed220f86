/**
 * The did:web of an organization on this instance: `did:web:<host>:orgs:<slug>`, the port
 * %3A-encoded (did:web spec §3.2), resolved at `<publicUrl>/orgs/<slug>/did.json`.
 * @example orgDid('http://localhost:3000', 'demo') // 'did:web:localhost%3A3000:orgs:demo'
 */
export const orgDid = (publicUrl: string, slug: string): string => `did:web:${encodeURIComponent(new URL(publicUrl).host)}:orgs:${slug}`

/** Slugs: 2–40 lower-case letters, digits and single hyphens, not at either end. */
export const ORG_SLUG = /^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/
