import { describe, expect, it } from 'vitest'
import { instanceFetcher, localPathOf } from './instance-fetcher.js'

describe('localPathOf', () => {
  it("maps this instance's URLs to paths, whatever the scheme did:web resolution used", () => {
    expect(localPathOf('http://localhost:3000', 'https://localhost:3000/orgs/demo/did.json')).toBe('/orgs/demo/did.json')
    expect(localPathOf('https://badges.example.edu', 'https://badges.example.edu/status/1?x=1')).toBe('/status/1?x=1')
    expect(localPathOf('https://example.edu/emblem', 'https://example.edu/emblem/status/1')).toBe('/status/1')
  })

  it('refuses other hosts, other ports, paths outside the base path, credentials in URLs and non-http schemes', () => {
    expect(localPathOf('http://localhost:3000', 'https://localhost:3001/orgs/demo/did.json')).toBeUndefined()
    expect(localPathOf('https://badges.example.edu', 'https://evil.example/status/1')).toBeUndefined()
    expect(localPathOf('https://example.edu/emblem', 'https://example.edu/other/status/1')).toBeUndefined()
    expect(localPathOf('https://badges.example.edu', 'https://user:pw@badges.example.edu/status/1')).toBeUndefined()
    expect(localPathOf('https://badges.example.edu', 'ftp://badges.example.edu/status/1')).toBeUndefined()
    expect(localPathOf('https://badges.example.edu', 'not a url')).toBeUndefined()
  })
})

describe('instanceFetcher', () => {
  const fetchLocal = async (path: string) =>
    path === '/status/1' ? new Response('{"id":"status-1"}', { status: 200 }) : new Response('{"code":"ERR_NOT_FOUND"}', { status: 404 })

  it('answers its own URLs in-process and parses the JSON', async () => {
    const fetcher = instanceFetcher('https://badges.example.edu', { fetchLocal })
    expect(await fetcher('https://badges.example.edu/status/1')).toEqual({ id: 'status-1' })
    await expect(fetcher('https://badges.example.edu/status/2')).rejects.toThrow('https://badges.example.edu/status/2 answered HTTP 404')
  })

  it('refuses other hosts without a remote fetcher, and uses the remote fetcher when there is one', async () => {
    await expect(instanceFetcher('https://badges.example.edu', { fetchLocal })('https://other.example/did.json')).rejects.toThrow(
      'this instance does not fetch remote documents',
    )
    const fetchRemote = async (url: string) => ({ fetched: url })
    expect(await instanceFetcher('https://badges.example.edu', { fetchLocal, fetchRemote })('https://other.example/did.json')).toEqual({ fetched: 'https://other.example/did.json' })
  })
})
