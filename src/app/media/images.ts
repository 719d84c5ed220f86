// Stored images: badges and organization logos, content-addressed (the id is the SHA-256 of the
// bytes), public by id whichever organization uploaded them.

/** What an SVG served or downloaded from this instance may do: nothing but draw itself (no scripts, no fetches, inline styles only). */
export const SVG_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"

/** The media types an image may have. */
export type ImageMediaType = 'image/png' | 'image/svg+xml'

/** A checked (SVG: sanitized) image as stored; `id` is the SHA-256 hex of `bytes`, so equal bytes are one image. */
export interface ImageRecord {
  id: string
  orgId: string
  mediaType: ImageMediaType
  bytes: Uint8Array
  width: number
  height: number
  createdAt: string
}

/** The images repository. */
export interface ImagesRepo {
  /** Stores an image unless one with the same id (the same bytes) exists; returns the stored one (the first upload's org and time). */
  put(image: ImageRecord): Promise<ImageRecord>
  /** The image with this id, whichever organization uploaded it (images are public), or undefined. A learner's imported image ({@link putImported}) too, with `orgId` ''. */
  get(id: string): Promise<ImageRecord | undefined>
  /** Keeps the badge image of a credential `userId` imported into the wallet (no organization owns it; gone with the account). Idempotent per (id, user). */
  putImported(image: Omit<ImageRecord, 'orgId'> & { userId: string }): Promise<void>
  /** The media type of an organization's image with this id without reading its bytes, or undefined when there is none. */
  mediaType(id: string): Promise<ImageMediaType | undefined>
}
