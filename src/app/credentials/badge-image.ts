import type { PlatformPorts } from '../platform/ports.js'
import { localPathOf } from './instance-fetcher.js'
import type { ImageRecord } from '../media/images.js'
import type { IssuedCredentialView } from './ports.js'

/** The id of the image an `/images/<id>` URL of this instance names, or undefined for any other URL. */
export function localImageId(publicUrl: string, url: unknown): string | undefined {
  if (typeof url !== 'string') return undefined
  const match = /^\/images\/([A-Za-z0-9_-]{1,128})$/.exec(localPathOf(publicUrl, url) ?? '')
  return match?.[1]
}

/** The image URL of the achievement a credential embeds. */
export function achievementImageUrl(view: IssuedCredentialView): unknown {
  const subject = view.document.credential.credentialSubject as { achievement?: { image?: { id?: unknown } } } | undefined
  return subject?.achievement?.image?.id
}

/** The media type of the badge image the credential was issued with, when it is stored on this instance. */
export async function badgeImageType({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, view: IssuedCredentialView): Promise<ImageRecord['mediaType'] | undefined> {
  const id = localImageId(publicUrl, achievementImageUrl(view))
  return id === undefined ? undefined : store.repos.images.mediaType(id)
}

/** The badge image the credential was issued with (as its achievement embeds it), when it is stored on this instance. */
export async function badgeImage({ store, publicUrl }: Pick<PlatformPorts, 'store' | 'publicUrl'>, view: IssuedCredentialView): Promise<ImageRecord | undefined> {
  const id = localImageId(publicUrl, achievementImageUrl(view))
  return id === undefined ? undefined : store.repos.images.get(id)
}
