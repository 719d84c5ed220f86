// The platform's e-mails as pure functions: each returns the subject and the same message as plain
// text and as HTML. Every value is escaped in the HTML; links must be http(s) URLs; values in the
// subject are folded onto one line (no header injection through a name).
import type { RoleName } from '../platform/roles.js'

/** A rendered e-mail, ready for `OutboxRepo.enqueue` (with `to` and `fromName`). */
export interface MailContent {
  subject: string
  text: string
  html: string
}

/** Escapes text for HTML element content and double- or single-quoted attribute values. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!)

/** One line of text: control characters and line breaks become spaces, runs of spaces collapse. */
const oneLine = (value: string): string =>
  Array.from(value, (ch) => (ch < ' ' || ch === '\u007f' ? ' ' : ch))
    .join('')
    .replace(/\s+/g, ' ')
    .trim()

/** Requires an absolute http(s) URL (a programmer's error otherwise), so no `javascript:` link is ever mailed. */
function link(url: string): string {
  if (!/^https?:\/\//i.test(url)) throw new TypeError(`E-mail links must be absolute http(s) URLs, not ${JSON.stringify(url)}`)
  return url
}

/** A paragraph: text, or text followed by a link shown as its address. */
type Paragraph = string | { text: string; url: string }

/** What a message says, rendered as text and as HTML. */
interface MessageParts {
  heading: string
  paragraphs: Paragraph[]
  action?: { label: string; url: string }
  footnote?: string
}

const paragraphHtml = (x: Paragraph): string =>
  typeof x === 'string'
    ? `<p style="margin:0 0 16px">${escapeHtml(x)}</p>`
    : `<p style="margin:0 0 16px">${escapeHtml(x.text)} <a href="${escapeHtml(link(x.url))}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(x.url)}</a></p>`

/** The HTML frame around a message: a heading, paragraphs, one button, a muted footnote. */
function htmlMessage(p: MessageParts): string {
  const paras = p.paragraphs.map(paragraphHtml).join('\n')
  const button = p.action
    ? `<p style="margin:24px 0"><a href="${escapeHtml(link(p.action.url))}" style="display:inline-block;padding:12px 20px;background:#1d4ed8;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${escapeHtml(p.action.label)}</a></p>
<p style="margin:0 0 16px;font-size:14px;color:#4b5563">If the button does not work, copy this address into your browser:<br><a href="${escapeHtml(p.action.url)}" style="color:#1d4ed8;word-break:break-all">${escapeHtml(p.action.url)}</a></p>`
    : ''
  const foot = p.footnote ? `<p style="margin:24px 0 0;font-size:13px;color:#4b5563">${escapeHtml(p.footnote)}</p>` : ''
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(p.heading)}</title></head>
<body style="margin:0;padding:24px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;line-height:1.5;color:#111827;background:#ffffff">
<div style="max-width:560px;margin:0 auto">
<h1 style="font-size:22px;margin:0 0 16px">${escapeHtml(p.heading)}</h1>
${paras}
${button}
${foot}
</div>
</body></html>
`
}

/** The plain-text twin of `htmlMessage`. */
function textMessage(p: MessageParts): string {
  const parts = p.paragraphs.map((x) => (typeof x === 'string' ? x : `${x.text} ${link(x.url)}`))
  if (p.action) parts.push(`${p.action.label}:\n${link(p.action.url)}`)
  if (p.footnote) parts.push(p.footnote)
  return `${parts.join('\n\n')}\n`
}

function message(subject: string, p: MessageParts): MailContent {
  return { subject: oneLine(subject), text: textMessage(p), html: htmlMessage(p) }
}

/** "Confirm your e-mail address": the one-time verification link sent after sign-up (valid 24 hours). */
export function verifyEmailMessage({ name, verifyUrl }: { name: string; verifyUrl: string }): MailContent {
  return message('Confirm your e-mail address for Emblem', {
    heading: 'Confirm your e-mail address',
    paragraphs: [`Hello ${oneLine(name)},`, 'Please confirm that this is your e-mail address so that Emblem can send you credentials and account notices.'],
    action: { label: 'Confirm e-mail address', url: verifyUrl },
    footnote: 'This link works once and expires in 24 hours. If you did not create an Emblem account, you can ignore this message.',
  })
}

/** "Reset your password": the one-time reset link (valid 1 hour). */
export function resetPasswordMessage({ name, resetUrl }: { name: string; resetUrl: string }): MailContent {
  return message('Reset your Emblem password', {
    heading: 'Reset your password',
    paragraphs: [`Hello ${oneLine(name)},`, 'Someone (hopefully you) asked to reset the password of your Emblem account. Choose a new password with the link below; it signs you out everywhere else.'],
    action: { label: 'Choose a new password', url: resetUrl },
    footnote: 'This link works once and expires in 1 hour. If you did not ask for it, ignore this message: your password stays as it is.',
  })
}

/**
 * Sent to the owner of an address when someone tries to sign up with it again, so the sign-up form
 * never has to say whether an account exists.
 */
export function signUpAttemptMessage({ name, signInUrl, resetUrl }: { name: string; signInUrl: string; resetUrl: string }): MailContent {
  return message('Someone tried to create an Emblem account with your address', {
    heading: 'You already have an account',
    paragraphs: [
      `Hello ${oneLine(name)},`,
      'Someone just tried to create a new Emblem account with this e-mail address, which already has an account. No new account was created.',
      { text: 'If it was you, sign in instead:', url: signInUrl },
    ],
    action: { label: 'Reset your password', url: resetUrl },
    footnote: 'If it was not you, nothing changed and you can ignore this message.',
  })
}

/** An invitation to join an organization with a role; `acceptUrl` carries the invitation's one-time token. */
export function invitationMessage({ orgName, inviterName, role, acceptUrl }: { orgName: string; inviterName: string; role: RoleName; acceptUrl: string }): MailContent {
  const org = oneLine(orgName)
  const inviter = oneLine(inviterName)
  const article = /^[aeiou]/.test(role) ? 'an' : 'a'
  return message(`${inviter} invited you to ${org} on Emblem`, {
    heading: `Join ${org} on Emblem`,
    paragraphs: [
      `${inviter} invited you to join ${org} as ${article} ${role}.`,
      'Emblem is where the organization defines, issues and manages its micro-credentials. Accept the invitation to sign in or create your account.',
    ],
    action: { label: 'Accept the invitation', url: acceptUrl },
    footnote: 'If you did not expect this invitation, you can ignore this message.',
  })
}

/** The learner's e-mail for a newly issued credential: a claim link and the public credential page. */
export function credentialIssuedMessage({
  orgName,
  recipientName,
  achievementName,
  claimUrl,
  credentialUrl,
}: {
  orgName: string
  recipientName: string
  achievementName: string
  claimUrl: string
  credentialUrl: string
}): MailContent {
  const org = oneLine(orgName)
  const achievement = oneLine(achievementName)
  return message(`${org} awarded you "${achievement}"`, {
    heading: `You earned ${achievement}`,
    paragraphs: [
      `Hello ${oneLine(recipientName)},`,
      `${org} has awarded you the credential "${achievement}". It is a signed Open Badges 3.0 credential that anyone can verify.`,
      { text: 'See it, download it or share it:', url: credentialUrl },
    ],
    action: { label: 'Claim your credential', url: claimUrl },
    footnote: `You receive this message because ${org} issued a credential to this e-mail address.`,
  })
}
