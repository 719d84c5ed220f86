import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'

const resolve = createRequire(import.meta.url).resolve

/**
 * The bundled fonts certificates and rendered badges use (DejaVu Sans, from `dejavu-fonts-ttf`,
 * Bitstream Vera licence): Latin with its extensions, Greek and Cyrillic, the same on every machine.
 */
export const BUNDLED_FONTS = Object.freeze({
  family: 'DejaVu Sans',
  regular: resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'),
  bold: resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf'),
})

const loaded = new Map<string, Uint8Array>()

/** The bytes of a bundled font, read from disk once per process. */
export function fontBytes(weight: 'regular' | 'bold'): Uint8Array {
  const path = BUNDLED_FONTS[weight]
  let bytes = loaded.get(path)
  if (!bytes) {
    bytes = new Uint8Array(readFileSync(path))
    loaded.set(path, bytes)
  }
  return bytes
}
