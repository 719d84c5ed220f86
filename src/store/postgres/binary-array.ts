/** PostgreSQL type OIDs of the array elements the store writes. */
const OID = { int8: 20, bytea: 17, text: 25 } as const

/**
 * A one-dimensional PostgreSQL array in the binary wire format (array_recv): header, then each
 * element's length (-1 for NULL) and bytes. pg sends a Buffer parameter in binary format, so the
 * server reads the elements as they are, with no hex or text escaping on either side.
 */
function binaryArray(oid: number, elements: readonly (Uint8Array | null)[]): Buffer {
  let size = 20
  let nulls = 0
  for (const element of elements) {
    size += 4 + (element?.length ?? 0)
    if (element === null) nulls = 1
  }
  const bytes = Buffer.allocUnsafe(size)
  bytes.writeInt32BE(1, 0) // dimensions
  bytes.writeInt32BE(nulls, 4)
  bytes.writeInt32BE(oid, 8)
  bytes.writeInt32BE(elements.length, 12)
  bytes.writeInt32BE(1, 16) // lower bound
  let at = 20
  for (const element of elements) {
    if (element === null) {
      bytes.writeInt32BE(-1, at)
      at += 4
      continue
    }
    bytes.writeInt32BE(element.length, at)
    bytes.set(element, at + 4)
    at += 4 + element.length
  }
  return bytes
}

/** A bytea[] parameter. */
export const byteaArray = (values: readonly (Uint8Array | null)[]): Buffer => binaryArray(OID.bytea, values)

/** A text[] parameter (UTF-8). */
export const textArray = (values: readonly (string | null)[]): Buffer => binaryArray(OID.text, values.map((v) => (v === null ? null : Buffer.from(v, 'utf8'))))

/** An int8[] parameter. Requires safe integers. */
export function int8Array(values: readonly (number | null)[]): Buffer {
  return binaryArray(
    OID.int8,
    values.map((v) => {
      if (v === null) return null
      if (!Number.isSafeInteger(v)) throw new TypeError(`int8 array values must be safe integers, got ${v}`)
      const element = Buffer.allocUnsafe(8)
      element.writeBigInt64BE(BigInt(v))
      return element
    }),
  )
}
