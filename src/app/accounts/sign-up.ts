import { signUpAttemptMessage } from '../mail/templates.js'
import { parseEmail, parseName } from './account-input.js'
import { ACCOUNT_MAIL_FROM_NAME, type AccountDeps } from './deps.js'
import { queueVerificationEmail } from './email-verification.js'
import { AccountInputError } from './errors.js'
import { hashPassword } from './password-hash.js'
import { passwordIssue } from './password-policy.js'

/** What the sign-up form sends. */
export interface SignUpRequest {
  name: string
  email: string
  password: string
}

/**
 * Creates an unverified account and mails its verification link. When the address already has an
 * account, nothing is created and its owner is told someone tried (at most 5 such e-mails an
 * hour): the caller answers "check your e-mail" either way, so the form never says which
 * addresses have accounts. Invalid input is AccountInputError, field by field.
 */
export async function signUp(deps: AccountDeps, request: SignUpRequest): Promise<void> {
  const name = parseName(request.name)
  const email = parseEmail(request.email)
  const problems: ConstructorParameters<typeof AccountInputError>[0] = {}
  if ('problem' in name) problems['name'] = { code: name.code, message: name.problem }
  if ('problem' in email) problems['email'] = { code: email.code, message: email.problem }
  const weak = passwordIssue(request.password, { email: 'email' in email ? email.email : request.email })
  if (weak) problems['password'] = weak
  if ('problem' in name || 'problem' in email || weak) throw new AccountInputError(problems)

  const { store, random, publicUrl, smtpConfigured, limits } = deps
  // Hash before knowing whether the address is taken: both answers take the same time.
  const passwordHash = await hashPassword(request.password)
  const mayMail = (await limits.mailPerAddress.check(email.email)).allowed
  const mailed = await store.transaction(async (tx) => {
    const user = { id: random.uuid(), email: email.email, name: name.name }
    if ((await tx.repos.accounts.createUser({ ...user, passwordHash })) === 'created') {
      await queueVerificationEmail(tx, deps, user)
      return true
    }
    const owner = await tx.repos.accounts.userByEmail(email.email)
    if (!owner || !mayMail) return false
    const content = signUpAttemptMessage({ name: owner.name, signInUrl: `${publicUrl}/sign-in`, resetUrl: `${publicUrl}/forgot-password` })
    await tx.repos.outbox.enqueue({ to: owner.email, fromName: ACCOUNT_MAIL_FROM_NAME, ...content }, { smtpConfigured, id: random.uuid() })
    return true
  })
  if (!mailed) return
  await limits.mailPerAddress.hit(email.email)
  deps.wake('mail')
}
