// node:v8 for the browser bundle: core serializes only the context snapshot (core/canonical/fast/
// context-cache.ts), which a browser never has (node/fs.ts), so neither is ever called there.
export function serialize(_value: unknown): never {
  throw new Error('v8.serialize: not in a browser')
}

export function deserialize(_bytes: Uint8Array): never {
  throw new Error('v8.deserialize: not in a browser')
}
