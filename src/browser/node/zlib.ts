// node:zlib for the browser bundle, by fflate: gzip (status lists are GZIP-compressed bitstrings) and inflate (baked PNG text chunks).
import { gunzipSync as gunzip, gzipSync as gzip, unzlibSync } from 'fflate'

export const gunzipSync = (data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array => {
  const out = gunzip(data)
  if (options?.maxOutputLength !== undefined && out.length > options.maxOutputLength) throw new RangeError('Cannot create a buffer larger than maxOutputLength')
  return out
}
export const gzipSync = (data: Uint8Array): Uint8Array => gzip(data)
/** zlib-wrapped deflate (PNG zTXt/iTXt chunks). */
export const inflateSync = (data: Uint8Array, options?: { maxOutputLength?: number }): Uint8Array => {
  const out = unzlibSync(data)
  if (options?.maxOutputLength !== undefined && out.length > options.maxOutputLength) throw new RangeError('Cannot create a buffer larger than maxOutputLength')
  return out
}
export default { gunzipSync, gzipSync, inflateSync }
