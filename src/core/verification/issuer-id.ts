/** The issuer id of a credential: `issuer` as a URL, or `issuer.id`; undefined when neither is a string. */
export function issuerIdOf(credential: Record<string, unknown>): string | undefined {
  const { issuer } = credential
  if (typeof issuer === 'string') return issuer
  if (typeof issuer === 'object' && issuer !== null && typeof (issuer as { id?: unknown }).id === 'string')
    return (issuer as { id: string }).id
  return undefined
}
