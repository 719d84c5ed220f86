// The platform's e-mails as pure functions: each returns the subject and the same message as plain
// text and as HTML, in the recipient's language and, where an organization sends it, with its logo
// and colour. Every value is escaped in the HTML; links must be http(s) URLs; values in the
// subject are folded onto one line (no header injection through a name).
import { hexColor, inkOn } from '../branding/contrast.js'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locales.js'
import { translator, type Translator } from '../i18n/translator.js'
import type { RoleName } from '../platform/roles.js'

/** A rendered e-mail, ready for `OutboxRepo.enqueue` (with `to` and `fromName`). */
export interface MailContent {
  subject: string
  text: string
  html: string
}

/** Who sends a message, as its header shows them: the organization's name, logo and colour. */
export interface MailBrand {
  name: string
  /** An absolute http(s) URL of the logo (PNG or SVG; shown at most 48 px high). */
  logoUrl?: string | undefined
  /** The accent colour, `#rrggbb`; the button's text is white or black, whichever reads better. */
  color?: string | undefined
}

/** The language of a message and who sends it. */
export interface MailOptions {
  locale?: Locale | undefined
  brand?: MailBrand | undefined
}

const DEFAULT_ACCENT = '#4f46e5'

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
  /** An image shown above the button (a badge), with its text alternative. */
  image?: { url: string; alt: string }
  action?: { label: string; url: string }
  footnote?: string
}

const FONT = "-apple-system,BlinkMacSystemFont,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif"

const paragraphHtml = (x: Paragraph, accent: string): string =>
  typeof x === 'string'
    ? `<p style="margin:0 0 16px">${escapeHtml(x)}</p>`
    : `<p style="margin:0 0 16px">${escapeHtml(x.text)} <a href="${escapeHtml(link(x.url))}" style="color:${accent};word-break:break-all">${escapeHtml(x.url)}</a></p>`

/** The sender block at the top: the organization's logo and name, or Emblem's. */
function senderHtml(brand: MailBrand | undefined): string {
  const name = escapeHtml(oneLine(brand?.name ?? 'Emblem'))
  const logo = brand?.logoUrl ? `<img src="${escapeHtml(link(brand.logoUrl))}" alt="" height="40" style="display:inline-block;height:40px;max-width:120px;vertical-align:middle;border:0;margin-right:12px">` : ''
  return `${logo}<span style="font-size:16px;font-weight:700;color:#0f172a;vertical-align:middle">${name}</span>`
}

/** The HTML frame: the sender, a heading, paragraphs, an image, one button, a footnote and why it was sent. */
function htmlMessage(t: Translator, p: MessageParts, brand: MailBrand | undefined, preheader: string): string {
  const accent = hexColor(brand?.color) ?? DEFAULT_ACCENT
  const ink = inkOn(accent)
  const paras = p.paragraphs.map((x) => paragraphHtml(x, accent)).join('\n')
  const image = p.image
    ? `<p style="margin:8px 0 24px;text-align:center"><img src="${escapeHtml(link(p.image.url))}" alt="${escapeHtml(p.image.alt)}" width="160" style="width:160px;max-width:60%;height:auto;border:0"></p>`
    : ''
  const button = p.action
    ? `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:24px 0"><tr><td style="border-radius:10px;background:${accent}"><a href="${escapeHtml(link(p.action.url))}" style="display:inline-block;padding:13px 22px;color:${ink};text-decoration:none;border-radius:10px;font-weight:600;font-size:15px">${escapeHtml(p.action.label)}</a></td></tr></table>
<p style="margin:0 0 16px;font-size:13px;color:#475569">${escapeHtml(t.t('mail.common.buttonFallback'))}<br><a href="${escapeHtml(p.action.url)}" style="color:${accent};word-break:break-all">${escapeHtml(p.action.url)}</a></p>`
    : ''
  const foot = p.footnote ? `<p style="margin:24px 0 0;font-size:13px;color:#475569">${escapeHtml(p.footnote)}</p>` : ''
  const sentBy = brand ? t.t('mail.common.sentFor', { org: oneLine(brand.name) }) : t.t('mail.common.sentBy')
  return `<!doctype html>
<html lang="${t.locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="light"><title>${escapeHtml(p.heading)}</title></head>
<body style="margin:0;padding:0;background:#f1f5f9;font-family:${FONT};line-height:1.55;color:#0f172a">
<div style="display:none;max-height:0;overflow:hidden;opacity:0">${escapeHtml(preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f1f5f9"><tr><td align="center" style="padding:32px 12px">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid #e2e8f0;border-radius:14px;overflow:hidden">
<tr><td style="height:6px;background:${accent};font-size:0;line-height:0">&nbsp;</td></tr>
<tr><td style="padding:24px 32px 0">${senderHtml(brand)}</td></tr>
<tr><td style="padding:20px 32px 28px;font-size:15px">
<h1 style="font-size:22px;line-height:1.3;margin:0 0 16px;color:#0f172a">${escapeHtml(p.heading)}</h1>
${paras}
${image}
${button}
${foot}
</td></tr>
<tr><td style="padding:16px 32px;background:#f8fafc;border-top:1px solid #e2e8f0;font-size:12px;color:#64748b">${escapeHtml(sentBy)}</td></tr>
</table>
</td></tr></table>
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

function message(t: Translator, subject: string, p: MessageParts, brand: MailBrand | undefined): MailContent {
  const first = p.paragraphs.find((x) => typeof x === 'string' && !x.endsWith(',')) ?? p.heading
  return { subject: oneLine(subject), text: textMessage(p), html: htmlMessage(t, p, brand, typeof first === 'string' ? first : p.heading) }
}

const tr = (options: MailOptions | undefined): Translator => translator(options?.locale ?? DEFAULT_LOCALE)

/** Greeting by name. */
const hello = (t: Translator, name: string) => t.t('mail.common.hello', { name: oneLine(name) })

/** "Confirm your e-mail address": the one-time verification link sent after sign-up (valid 24 hours). */
export function verifyEmailMessage({ name, verifyUrl }: { name: string; verifyUrl: string }, options?: MailOptions): MailContent {
  const t = tr(options)
  return message(t, t.t('mail.verify.subject'), {
    heading: t.t('mail.verify.heading'),
    paragraphs: [hello(t, name), t.t('mail.verify.body')],
    action: { label: t.t('mail.verify.action'), url: verifyUrl },
    footnote: t.t('mail.verify.footnote'),
  }, options?.brand)
}

/** "Reset your password": the one-time reset link (valid 1 hour). */
export function resetPasswordMessage({ name, resetUrl }: { name: string; resetUrl: string }, options?: MailOptions): MailContent {
  const t = tr(options)
  return message(t, t.t('mail.reset.subject'), {
    heading: t.t('mail.reset.heading'),
    paragraphs: [hello(t, name), t.t('mail.reset.body')],
    action: { label: t.t('mail.reset.action'), url: resetUrl },
    footnote: t.t('mail.reset.footnote'),
  }, options?.brand)
}

/**
 * Sent to the owner of an address when someone tries to sign up with it again, so the sign-up form
 * never has to say whether an account exists.
 */
export function signUpAttemptMessage({ name, signInUrl, resetUrl }: { name: string; signInUrl: string; resetUrl: string }, options?: MailOptions): MailContent {
  const t = tr(options)
  return message(t, t.t('mail.signUpAttempt.subject'), {
    heading: t.t('mail.signUpAttempt.heading'),
    paragraphs: [hello(t, name), t.t('mail.signUpAttempt.body'), { text: t.t('mail.signUpAttempt.signIn'), url: signInUrl }],
    action: { label: t.t('mail.signUpAttempt.action'), url: resetUrl },
    footnote: t.t('mail.signUpAttempt.footnote'),
  }, options?.brand)
}

/** An invitation to join an organization with a role; `acceptUrl` carries the invitation's one-time token. */
export function invitationMessage(
  { orgName, inviterName, role, acceptUrl }: { orgName: string; inviterName: string; role: RoleName; acceptUrl: string },
  options?: MailOptions,
): MailContent {
  const t = tr(options)
  const values = { org: oneLine(orgName), inviter: oneLine(inviterName), role }
  return message(t, t.t('mail.invitation.subject', values), {
    heading: t.t('mail.invitation.heading', values),
    paragraphs: [t.t('mail.invitation.body', values), t.t('mail.invitation.about')],
    action: { label: t.t('mail.invitation.action'), url: acceptUrl },
    footnote: t.t('mail.invitation.footnote'),
  }, options?.brand ?? { name: orgName })
}

/** The learner's e-mail for a newly issued credential: a claim link, the public page, the badge. */
export function credentialIssuedMessage(
  { orgName, recipientName, achievementName, claimUrl, credentialUrl, badgeUrl }: { orgName: string; recipientName: string; achievementName: string; claimUrl: string; credentialUrl: string; badgeUrl?: string | undefined },
  options?: MailOptions,
): MailContent {
  const t = tr(options)
  const values = { org: oneLine(orgName), achievement: oneLine(achievementName) }
  return message(t, t.t('mail.issued.subject', values), {
    heading: t.t('mail.issued.heading', values),
    paragraphs: [hello(t, recipientName), t.t('mail.issued.body', values), { text: t.t('mail.issued.page'), url: credentialUrl }],
    ...(badgeUrl ? { image: { url: badgeUrl, alt: t.t('mail.issued.badgeAlt', values) } } : {}),
    action: { label: t.t('mail.issued.action'), url: claimUrl },
    footnote: t.t('mail.issued.footnote', values),
  }, options?.brand ?? { name: orgName })
}

/** Markers standing for one learner's values in credentialIssuedMessages' template (letters, digits and URL characters only: nothing on their way changes them). */
const SLOT = { name: 'EmblemSlot0Name', claim: 'https://emblem-slot.invalid/claim-slot', credential: 'https://emblem-slot.invalid/credential-slot' } as const
const SLOT_PATTERN = /(EmblemSlot0Name|https:\/\/emblem-slot\.invalid\/claim-slot|https:\/\/emblem-slot\.invalid\/credential-slot)/

/**
 * credentialIssuedMessage for the many learners of one organization and achievement (a batch): the
 * message is rendered once with markers where a learner's name and links go, and each learner's
 * values are put in as credentialIssuedMessage puts them (the name on one line; HTML-escaped in the
 * HTML). The same messages as calling credentialIssuedMessage for each (templates.test.ts compares
 * them on generated values); when a marker could clash it simply calls it for each.
 */
export function credentialIssuedMessages(
  fixed: { orgName: string; achievementName: string; badgeUrl?: string | undefined },
  options?: MailOptions,
): (learner: { recipientName: string; claimUrl: string; credentialUrl: string }) => MailContent {
  const direct = (learner: { recipientName: string; claimUrl: string; credentialUrl: string }) => credentialIssuedMessage({ ...fixed, ...learner }, options)
  const shown = [fixed.orgName, fixed.achievementName, fixed.badgeUrl ?? '', options?.brand?.name ?? '', options?.brand?.logoUrl ?? '', options?.brand?.color ?? '']
  if (shown.some((value) => value.includes('EmblemSlot') || value.includes('emblem-slot'))) return direct
  const sample = credentialIssuedMessage({ ...fixed, recipientName: SLOT.name, claimUrl: SLOT.claim, credentialUrl: SLOT.credential }, options)
  if (SLOT_PATTERN.test(sample.subject)) return direct
  const text = sample.text.split(SLOT_PATTERN)
  const html = sample.html.split(SLOT_PATTERN)
  const fill = (parts: string[], values: Record<string, string>): string => {
    let out = parts[0]!
    for (let i = 1; i < parts.length; i += 2) out += values[parts[i]!]! + parts[i + 1]!
    return out
  }
  return ({ recipientName, claimUrl, credentialUrl }) => {
    const name = oneLine(recipientName)
    const values = { [SLOT.name]: name, [SLOT.claim]: link(claimUrl), [SLOT.credential]: link(credentialUrl) }
    return {
      subject: sample.subject,
      text: fill(text, values),
      html: fill(html, { [SLOT.name]: escapeHtml(name), [SLOT.claim]: escapeHtml(claimUrl), [SLOT.credential]: escapeHtml(credentialUrl) }),
    }
  }
}

/** "Your credential expires soon": a wallet's expiry reminder (30 and 7 days before). */
export function expiryReminderMessage(
  { name, achievementName, issuerName, expiresAt, days, walletUrl }: { name: string; achievementName: string; issuerName: string; expiresAt: string; days: number; walletUrl: string },
  options?: MailOptions,
): MailContent {
  const t = tr(options)
  const values = { achievement: oneLine(achievementName), issuer: oneLine(issuerName), days, date: t.date(expiresAt) }
  return message(t, t.t('wallet.mail.reminder.subject', values), {
    heading: t.t('wallet.mail.reminder.heading', values),
    paragraphs: [hello(t, name), t.t('wallet.mail.reminder.body', values)],
    action: { label: t.t('wallet.mail.reminder.action'), url: walletUrl },
    footnote: t.t('wallet.mail.reminder.footnote'),
  }, options?.brand)
}
