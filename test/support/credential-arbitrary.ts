import fc from 'fast-check'

/**
 * fast-check arbitraries for OB 3.0 credentials in the shapes Emblem issues, and a little beyond:
 * unicode and escape-heavy strings, optional fields present and absent, arrays of 0..n, integers and
 * doubles, dates, alignments, results, evidence, status entries, @list values, duplicated nodes
 * (which need the N-degree algorithm), and a few documents the general path must reject.
 */

const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 1, arbitrary: fc.constantFrom('"quoted"', 'back\\slash', 'line\nbreak\r\ttab', '\u0000\u0001\u007f', '<tag> & {x}', 'Zürich – 東京 🎓') },
)
const slug = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,11}$/)
const uuid = fc.uuid().map((u) => `urn:uuid:${u}`)
const httpsUrl = fc.tuple(slug, slug).map(([host, path]) => `https://${host}.example/${path}`)
const iri = fc.oneof(uuid, httpsUrl, slug.map((s) => `did:web:${s}.example`), fc.constantFrom('ext:ESCOSkill', 'urn:isbn:978-0-00'))
const dateTime = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString().replace(/\.\d{3}Z$/, 'Z'))
const date = dateTime.map((d) => d.slice(0, 10))
const number = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e25, max: 1e25 }),
  fc.constantFrom(0, 0.5, 1.5, 3, 7.5, 1e21, 123456789.125),
)

const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined })
const someOf = <T>(arb: fc.Arbitrary<T>, max: number) => fc.array(arb, { minLength: 0, maxLength: max })

/** Drops undefined properties and empty arrays, as the OB serialization rules require. */
const compact = (record: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)))

const alignment = fc
  .record({
    targetName: text,
    targetUrl: httpsUrl,
    targetCode: optional(text),
    targetDescription: optional(text),
    targetFramework: optional(fc.constantFrom('ESCO', 'European Qualifications Framework', 'O*NET')),
    targetType: optional(fc.constantFrom('ext:ESCOSkill', 'CFItem', 'ceasn:Competency')),
  })
  .map((a) => compact({ type: ['Alignment'], ...a }))

const resultDescription = fc
  .record({
    id: uuid,
    name: text,
    resultType: fc.constantFrom('Status', 'Percent', 'LetterGrade', 'ext:Custom'),
    allowedValue: optional(someOf(text, 3)),
    valueMin: optional(fc.integer({ min: 0, max: 10 }).map(String)),
    valueMax: optional(fc.integer({ min: 50, max: 100 }).map(String)),
  })
  .map((r) => compact({ type: ['ResultDescription'], ...r }))

const result = fc
  .record({
    resultDescription: optional(uuid),
    value: optional(text),
    status: optional(fc.constantFrom('Completed', 'Provisional')),
  })
  .map((r) => compact({ type: ['Result'], ...r }))

const evidence = fc
  .record({ id: optional(httpsUrl), name: optional(text), narrative: optional(text), description: optional(text), genre: optional(text), audience: optional(text) })
  .map((e) => compact({ type: ['Evidence'], ...e }))

const identity = fc
  .record({ hash: fc.stringMatching(/^[0-9a-f]{64}$/), salt: optional(text), hashed: fc.boolean() })
  .map(({ hash, salt, hashed }) => compact({ type: 'IdentityObject', hashed, identityHash: `sha256$${hash}`, identityType: 'emailAddress', salt }))

const image = fc.record({ id: httpsUrl, caption: optional(text) }).map((i) => compact({ type: 'Image', ...i }))

const profile = fc
  .record({
    id: iri,
    name: optional(text),
    url: optional(httpsUrl),
    email: optional(text),
    description: optional(text),
    image: optional(image),
    address: optional(
      fc.record({ addressCountry: optional(text), addressCountryCode: optional(fc.constantFrom('NL', 'DE', 'FI')), addressLocality: optional(text) }).map((a) => compact({ type: ['Address'], ...a })),
    ),
  })
  .map((p) => compact({ type: ['Profile'], ...p }))

const achievement = fc
  .record({
    id: fc.oneof(uuid, httpsUrl),
    name: text,
    description: text,
    criteria: fc.oneof(
      fc.record({ narrative: text }),
      fc.record({ id: httpsUrl, narrative: optional(text) }).map(compact),
    ),
    achievementType: optional(fc.constantFrom('MicroCredential', 'Badge', 'Certificate', 'ext:Workshop')),
    alignment: someOf(alignment, 4),
    tag: someOf(text, 3),
    fieldOfStudy: optional(text),
    inLanguage: optional(fc.constantFrom('en', 'nl', 'de-CH')),
    creditsAvailable: optional(number),
    humanCode: optional(text),
    image: optional(image),
    resultDescription: someOf(resultDescription, 2),
    creator: optional(profile),
  })
  .map((a) => compact({ type: ['Achievement'], ...a }))

const status = fc
  .record({ url: httpsUrl, index: fc.nat({ max: 131_071 }), purpose: fc.constantFrom('revocation', 'suspension') })
  .map(({ url, index, purpose }) => ({
    id: `${url}#${index}`,
    type: 'BitstringStatusListEntry',
    statusPurpose: purpose,
    statusListIndex: String(index),
    statusListCredential: url,
  }))

const subject = fc
  .record({
    id: optional(iri),
    identifier: someOf(identity, 2),
    achievement,
    result: someOf(result, 3),
    creditsEarned: optional(number),
    activityStartDate: optional(date),
    narrative: optional(text),
  })
  .map((s) => compact({ type: ['AchievementSubject'], ...s }))

/** An OB 3.0 credential in VC 2.0 form, unsigned, with every optional part varying. */
export const arbitraryCredential: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    id: uuid,
    type: fc.constantFrom(['VerifiableCredential', 'OpenBadgeCredential'], ['VerifiableCredential', 'AchievementCredential'], ['OpenBadgeCredential', 'VerifiableCredential']),
    name: optional(text),
    description: optional(text),
    issuer: fc.oneof({ weight: 4, arbitrary: profile }, { weight: 1, arbitrary: iri }),
    validFrom: dateTime,
    validUntil: optional(dateTime),
    awardedDate: optional(dateTime),
    credentialSubject: subject,
    evidence: someOf(evidence, 3),
    credentialStatus: optional(status),
    credentialSchema: optional(
      fc.constant([{ id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json', type: '1EdTechJsonSchemaValidator2019' }]),
    ),
  })
  .map((c) => {
    // credentialSchema's type 1EdTechJsonSchemaValidator2019 is defined by the OB extensions context.
    const contexts = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json']
    if (c.credentialSchema) contexts.push('https://purl.imsglobal.org/spec/ob/v3p0/extensions.json')
    return compact({ '@context': contexts, ...c })
  })

/** Variations the fast path must hand over (or get identical anyway): duplicates, odd JSON-LD, invalid terms. */
export const arbitraryEdgeCredential: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(arbitraryCredential, fc.constantFrom('duplicate-alignments', 'undefined-term', 'relative-id', 'empty-array', 'null-value', 'vc11-context', 'value-object', 'same-node-twice', 'alias-keys'), alignment)
  .map(([credential, variant, extra]) => {
    const c = structuredClone(credential) as Record<string, any>
    const achievementNode = c.credentialSubject.achievement
    switch (variant) {
      case 'duplicate-alignments':
        achievementNode.alignment = [extra, structuredClone(extra), structuredClone(extra)]
        break
      case 'undefined-term':
        c.credentialSubject.notAnObTerm = 'x'
        break
      case 'relative-id':
        achievementNode.id = 'achievements/1'
        break
      case 'empty-array':
        achievementNode.tag = []
        break
      case 'null-value':
        c.description = null
        break
      case 'vc11-context':
        c['@context'] = ['https://www.w3.org/2018/credentials/v1', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.1.json']
        c.issuanceDate = c.validFrom
        delete c.validFrom
        delete c.validUntil
        break
      case 'value-object':
        c.name = { '@value': 'Valued', '@language': 'en' }
        break
      case 'alias-keys':
        c['https://schema.org/name'] = 'Same name'
        c.name = 'Same name'
        break
      case 'same-node-twice':
        c.evidence = [{ id: 'https://example.edu/evidence/1', type: ['Evidence'], name: 'One' }, { id: 'https://example.edu/evidence/1', type: ['Evidence'], name: 'One' }]
        break
    }
    return c
  })

/**
 * Several credentials that share one achievement and one issuer, as a cohort issued together does:
 * sometimes one deeply frozen object shared by all (what the subtree cache replays), sometimes fresh
 * copies with the keys in another order.
 */
export const arbitraryCohort: fc.Arbitrary<Array<Record<string, unknown>>> = fc
  .tuple(arbitraryCredential, fc.array(arbitraryCredential, { minLength: 2, maxLength: 5 }), fc.boolean())
  .map(([template, others, share]) => {
    const t = template as Record<string, any>
    const sharedAchievement = deepFreeze(structuredClone(t.credentialSubject.achievement))
    const sharedIssuer = deepFreeze(structuredClone(t.issuer))
    return others.map((credential, i) => {
      const c = structuredClone(credential) as Record<string, any>
      if (share) {
        c.credentialSubject.achievement = sharedAchievement
        c.issuer = sharedIssuer
      } else {
        const achievement = structuredClone(t.credentialSubject.achievement)
        c.credentialSubject.achievement = i % 2 === 1 ? Object.fromEntries(Object.entries(achievement).reverse()) : achievement
        c.issuer = structuredClone(t.issuer)
      }
      return c
    })
  })

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child)
    Object.freeze(value)
  }
  return value
}
