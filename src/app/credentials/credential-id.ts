const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * The credential id a public URL names: its UUID alone or the whole `urn:uuid:` URI, in any case;
 * undefined for anything else (the caller answers 404).
 * @example credentialIdOf('3B9E1C1A-5F4E-4D2B-8A6C-0E1F2A3B4C5D') // 'urn:uuid:3b9e1c1a-5f4e-4d2b-8a6c-0e1f2a3b4c5d'
 */
export function credentialIdOf(param: string): string | undefined {
  const uuid = /^urn:uuid:/i.test(param) ? param.slice('urn:uuid:'.length) : param
  return UUID.test(uuid) ? `urn:uuid:${uuid.toLowerCase()}` : undefined
}

/** The UUID part of a `urn:uuid:` credential id: what `/c/<uuid>` and `/credentials/<uuid>` use. */
export const credentialUuid = (id: string): string => id.replace(/^urn:uuid:/i, '')
