import { PlatformError } from '../../core/errors.js'
import { InputError } from '../platform/input-error.js'
import type { PlatformPorts } from '../platform/ports.js'
import { OrgInputError, createOrgSchema, parseOrgInput, type CreateOrgInput } from './org-input.js'
import type { OrgRecord } from './ports.js'
import { slugProblem, suggestSlug } from './slug.js'

/** Creating an organization needs a confirmed e-mail address: the owner must be reachable. */
export class EmailUnconfirmedError extends PlatformError {
  override name = 'EmailUnconfirmedError'
  constructor() {
    super('ERR_FORBIDDEN', 'Confirm your e-mail address before creating an organization: open the link in the confirmation e-mail, or ask for a new one from your account page.')
  }
}

/**
 * Creates an organization with `userId` as its owner and its first signing key. The owner must have
 * confirmed their e-mail address (else EmailUnconfirmedError, ERR_FORBIDDEN). The organization
 * and its membership are written in one transaction, then the key; when the key cannot be made the
 * organization is deleted again, so none is left without a key. A taken slug is ERR_CONFLICT.
 */
export async function createOrg(
  { store, keys, random }: Pick<PlatformPorts, 'store' | 'keys' | 'random'>,
  { userId, input }: { userId: string; input: CreateOrgInput | unknown },
): Promise<OrgRecord> {
  const owner = await store.repos.accounts.userById(userId)
  if (!owner) throw new PlatformError('ERR_NOT_FOUND', 'This account no longer exists')
  if (!owner.emailVerifiedAt) throw new EmailUnconfirmedError()
  const parsed = parseOrgInput(createOrgSchema, input)
  const slug = parsed.slug ?? suggestSlug(parsed.name)
  const problem = slug === '' ? 'choose a short name for links: the name has too few letters or digits to suggest one' : slugProblem(slug)
  if (problem) throw new OrgInputError([{ path: 'slug', code: slug === '' ? 'required' : 'invalid_format', message: problem }])
  const id = random.uuid()
  const org = {
    id,
    slug,
    name: parsed.name,
    description: parsed.description ?? '',
    url: parsed.url ?? null,
    email: parsed.email ?? null,
    country: parsed.country ?? null,
    suite: parsed.suite ?? 'eddsa-rdfc-2022',
  }
  const outcome = await store.transaction((tx) => tx.repos.orgs.create(org, userId))
  if (outcome === 'slug-taken') throw new InputError([{ path: 'slug', code: 'taken', message: `"${slug}" is already taken; choose another` }], { code: 'ERR_CONFLICT' })
  try {
    await keys.rotate(id)
  } catch (err) {
    await store.repos.orgs.delete(id)
    throw err
  }
  const created = await store.repos.orgs.get(id)
  if (!created) throw new PlatformError('ERR_NOT_FOUND', `Organization ${slug} vanished while it was being created`)
  return created
}
