// Parts the share pages have in common: a credential's picture, its verdict as a pill, a skills list.
import type { SharedCredential } from '../../../app/share/shared-credential.js'
import type { SkillSummary } from '../../../app/share/skills-profile.js'
import type { Verdict } from '../../../app/credentials/verdict.js'
import { StatusPill, type PillState } from '../../components/status-pill.js'
import { Icon } from '../../components/icons.js'
import { usePage } from '../../kit/env.js'

/** The pill of a verdict ("issuer not trusted" reads as not verified on a card). */
export const pillOf = (verdict: Verdict): PillState => (verdict === 'issuer-untrusted' ? 'not-verified' : verdict)

/**
 * The image a page can show for a credential (the CSP allows this site and data: URLs): this
 * instance's badge for its own credentials, a data: image as it came, else the drawn badge at `fallback`.
 */
export function imageOf(c: Pick<SharedCredential, 'imageUrl' | 'issuedHere'>, origin: string, fallback: string): string {
  if (c.issuedHere) return c.imageUrl && c.imageUrl.startsWith(`${origin}/`) ? c.imageUrl : `/c/${c.issuedHere}/badge.png`
  if (c.imageUrl && (c.imageUrl.startsWith('data:image/') || c.imageUrl.startsWith(`${origin}/`))) return c.imageUrl
  return fallback
}

/** An absolute image URL for link previews (never a data: URL). */
export function previewImageOf(c: Pick<SharedCredential, 'imageUrl' | 'issuedHere'>, origin: string, fallback: string): string {
  if (c.imageUrl && /^https?:\/\//.test(c.imageUrl)) return c.imageUrl
  if (c.issuedHere) return `${origin}/c/${c.issuedHere}/badge.png`
  return `${origin}${fallback}`
}

/** A credential's status in words: "Verified by Emblem" when it verifies, else its verdict. */
export function VerifiedStatus({ verdict }: { verdict: Verdict }) {
  const { t } = usePage()
  if (verdict !== 'verified') return <StatusPill state={pillOf(verdict)} />
  return <span class="pill ok" data-state="verified"><Icon name="shield" />{t.t('share.public.verifiedBy')}</span>
}

/** The skills of a profile, each with the credentials that prove it (`hrefOf` gives each credential's page). */
export function SkillsList({ skills, hrefOf, headingLevel = 3 }: { skills: readonly SkillSummary[]; hrefOf: (id: string) => string; headingLevel?: 2 | 3 }) {
  const { t } = usePage()
  return (
    <ul class="skills-profile">
      {skills.map((s, i) => (
        <li class="skill-card">
          <div class="skill-head">
            {headingLevel === 2 ? <h2 class="skill-name" id={`skill-${i}`}>{s.label}</h2> : <h3 class="skill-name" id={`skill-${i}`}>{s.label}</h3>}
            <span class="skill-count" aria-hidden="true">{t.number(s.count)}</span>
          </div>
          {(s.framework || s.code) && (
            <p class="skill-framework">
              {s.framework && s.code ? t.t('share.skills.frameworkCode', { framework: s.framework, code: s.code }) : (s.framework ?? s.code)}
              {s.uri && /^https?:\/\//.test(s.uri) && <> · <a href={s.uri} rel="noopener nofollow"><Icon name="external" label={s.uri} /></a></>}
            </p>
          )}
          <p class="skill-proof muted small">{t.t('share.skills.count', { count: s.count })}</p>
          <ul class="skill-credentials" aria-label={t.t('share.skills.provedBy', { skill: s.label })}>
            {s.credentials.map((c) => <li><a href={hrefOf(c.id)}><Icon name="award" />{c.name}</a></li>)}
          </ul>
        </li>
      ))}
    </ul>
  )
}

/** A monogram of a name: its first letters, at most two. */
export const monogramOf = (name: string): string =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => Array.from(w)[0]?.toUpperCase() ?? '')
    .join('') || '?'
