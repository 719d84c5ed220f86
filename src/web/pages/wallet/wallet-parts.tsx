// Pieces the wallet pages share: a kept credential's standing as a pill, its image when this page
// may show it, and the wallet's URLs.
import type { WalletItemView, WalletStatus } from '../../../app/wallet/ports.js'
import type { ExpiryFilter, WalletQuery, WalletSort } from '../../../app/wallet/wallet.js'
import { StatusPill, type PillState } from '../../components/status-pill.js'

const PILL: Record<WalletStatus, PillState> = { valid: 'valid', expired: 'expired', revoked: 'revoked', suspended: 'suspended', unverified: 'not-verified' }

/** The standing of a kept credential, in words. */
export const WalletStatusPill = ({ status }: { status: WalletStatus }) => <StatusPill state={PILL[status]} />

/**
 * The image URL the page may show: this instance's own images and data: images (the page's CSP
 * allows only those); another host's image is not fetched by the learner's browser.
 */
export function shownImage(url: string | undefined, publicUrl: string): string | undefined {
  if (!url) return undefined
  if (url.startsWith('data:image/')) return url
  if (url.startsWith(`${publicUrl}/`)) return url.slice(publicUrl.length)
  if (url.startsWith('/') && !url.startsWith('//')) return url
  return undefined
}

/** How the wallet shows its items. */
export type WalletLayout = 'grid' | 'list'

/** The wallet page's state in its URL: filters, sort, layout, collection. */
export interface WalletUrlState extends WalletQuery {
  view: WalletLayout
}

/** `/wallet` with this state (defaults left out). */
export function walletHref(state: WalletUrlState, overrides: Partial<WalletUrlState> = {}): string {
  const s = { ...state, ...overrides }
  const params = new URLSearchParams()
  if (s.collection) params.set('collection', s.collection)
  if (s.issuer) params.set('issuer', s.issuer)
  if (s.skill) params.set('skill', s.skill)
  if (s.status) params.set('status', s.status)
  if (s.expiresWithin) params.set('expires', s.expiresWithin)
  if (s.sort) params.set('sort', s.sort)
  if (s.includeHidden) params.set('hidden', 'include')
  if (s.view === 'list') params.set('view', 'list')
  const q = params.toString()
  return q ? `/wallet?${q}` : '/wallet'
}

/** Whether any filter narrows the list. */
export const isFiltered = (q: WalletQuery): boolean => Boolean(q.issuer || q.skill || q.status || q.expiresWithin)

export type { ExpiryFilter, WalletItemView, WalletSort }
