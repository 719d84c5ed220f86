import { PlatformError } from '../../errors.js'

const PREFIX = 'did:web:'

/** The DID of a DID URL: everything before `#`, `?` and `/` path parts after the method-specific id. */
export function didOf(didUrl: string): string {
  const end = didUrl.search(/[#?]/)
  return end === -1 ? didUrl : didUrl.slice(0, end)
}

/**
 * The https URL of the DID document of `did:web:host[:path]*`: `https://host/.well-known/did.json`
 * without a path, `https://host/path…/did.json` with one. A port is written `%3A` in the host.
 * Anything that is not a did:web with a plain host is `ERR_DID_RESOLUTION`.
 * @see https://w3c-ccg.github.io/did-method-web/#read-resolve
 */
export function didWebUrl(didUrl: string): string {
  const did = didOf(didUrl)
  if (!did.startsWith(PREFIX)) throw new PlatformError('ERR_DID_UNSUPPORTED', `Not a did:web: ${didUrl}`)
  const [encodedHost = '', ...path] = did.slice(PREFIX.length).split(':')
  const host = encodedHost.replace(/%3A/gi, ':')
  if (!/^[a-z0-9.-]+(:\d{1,5})?$/i.test(host) || host.startsWith('.') || host.includes('..'))
    throw new PlatformError('ERR_DID_RESOLUTION', `did:web host is not a domain name: ${did}`)
  if (path.some((segment) => segment === '' || segment === '.' || segment === '..' || /[/\\]/.test(segment)))
    throw new PlatformError('ERR_DID_RESOLUTION', `did:web path has an empty or relative segment: ${did}`)
  const url = new URL(`https://${host}/`)
  url.pathname = path.length === 0 ? '/.well-known/did.json' : `/${path.join('/')}/did.json`
  return url.href
}
