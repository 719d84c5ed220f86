import { isIPv4, isIPv6 } from 'node:net'

/** Why an address may not be fetched from; `undefined` means it is a public unicast address. */
export type AddressRisk =
  | 'invalid'
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'shared'
  | 'link-local'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'documentation'

type Range = readonly [prefix: readonly number[], bits: number, risk: AddressRisk]

/** IANA IPv4 special-purpose ranges that are not globally reachable (RFC 6890 and its updates). */
const IPV4_RANGES: readonly Range[] = [
  [[0], 8, 'unspecified'],
  [[10], 8, 'private'],
  [[100, 64], 10, 'shared'],
  [[127], 8, 'loopback'],
  [[169, 254], 16, 'link-local'],
  [[172, 16], 12, 'private'],
  [[192, 0, 0], 24, 'reserved'],
  [[192, 0, 2], 24, 'documentation'],
  [[192, 88, 99], 24, 'reserved'],
  [[192, 168], 16, 'private'],
  [[198, 18], 15, 'reserved'],
  [[198, 51, 100], 24, 'documentation'],
  [[203, 0, 113], 24, 'documentation'],
  [[224], 4, 'multicast'],
  [[240], 4, 'reserved'],
]

/**
 * IPv6 ranges refused outright. Ranges that embed an IPv4 address (IPv4-mapped, NAT64, 6to4)
 * are judged by that IPv4 address instead; see `embeddedIPv4`.
 */
const IPV6_RANGES: readonly Range[] = [
  [[0xfc], 7, 'unique-local'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'private'], // deprecated site-local
  [[0xff], 8, 'multicast'],
  [[0x00, 0x64, 0xff, 0x9b, 0x00, 0x01], 48, 'private'], // local-use NAT64
  [[0x01, 0x00, 0, 0, 0, 0, 0, 0], 64, 'reserved'], // discard-only
  [[0x20, 0x01, 0x00, 0x00], 32, 'reserved'], // Teredo: tunnels to an address we cannot check
  [[0x20, 0x01, 0x00, 0x02, 0x00, 0x00], 48, 'reserved'], // benchmarking
  [[0x20, 0x01, 0x00, 0x10], 28, 'reserved'], // ORCHID
  [[0x20, 0x01, 0x00, 0x20], 28, 'reserved'], // ORCHIDv2
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0x3f, 0xff], 20, 'documentation'],
]

const inRange = (bytes: Uint8Array, [prefix, bits]: Range): boolean => {
  for (let i = 0; i * 8 < bits; i++) {
    const mask = bits - i * 8 >= 8 ? 0xff : (0xff << (8 - (bits - i * 8))) & 0xff
    if (((bytes[i] ?? 0) & mask) !== ((prefix[i] ?? 0) & mask)) return false
  }
  return true
}

/** The 4 bytes of a dotted-quad IPv4 address. Requires `isIPv4(text)`. */
const parseIPv4 = (text: string): Uint8Array => Uint8Array.from(text.split('.').map(Number))

/** The 16 bytes of an IPv6 address (zone index dropped, embedded dotted quad allowed). Requires `isIPv6(text)`. */
function parseIPv6(text: string): Uint8Array {
  let address = text.split('%')[0]!.toLowerCase()
  const lastColon = address.lastIndexOf(':')
  if (address.includes('.', lastColon)) {
    const v4 = parseIPv4(address.slice(lastColon + 1))
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16)
    address = `${address.slice(0, lastColon + 1)}${hex(v4[0]!, v4[1]!)}:${hex(v4[2]!, v4[3]!)}`
  }
  const groups = (part: string) => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)))
  const [head = '', tail] = address.split('::')
  const left = groups(head)
  const right = tail === undefined ? [] : groups(tail)
  const words = [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right]
  const bytes = new Uint8Array(16)
  words.forEach((word, i) => {
    bytes[2 * i] = word >> 8
    bytes[2 * i + 1] = word & 0xff
  })
  return bytes
}

/** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) or 6to4 address. */
function embeddedIPv4(bytes: Uint8Array): Uint8Array | undefined {
  const zeros = (from: number, to: number) => bytes.subarray(from, to).every((b) => b === 0)
  if (zeros(0, 10) && bytes[10] === 0xff && bytes[11] === 0xff) return bytes.slice(12) // ::ffff:a.b.c.d
  if (zeros(0, 12)) return bytes.slice(12) // ::a.b.c.d (deprecated IPv4-compatible); also :: and ::1, handled first
  if (inRange(bytes, [[0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96, 'reserved'])) return bytes.slice(12)
  if (bytes[0] === 0x20 && bytes[1] === 0x02) return bytes.slice(2, 6) // 6to4
  return undefined
}

const riskOfIPv4 = (bytes: Uint8Array): AddressRisk | undefined => IPV4_RANGES.find((range) => inRange(bytes, range))?.[2]

function riskOfIPv6(bytes: Uint8Array): AddressRisk | undefined {
  if (bytes.every((b) => b === 0)) return 'unspecified'
  if (bytes.subarray(0, 15).every((b) => b === 0) && bytes[15] === 1) return 'loopback'
  const v4 = embeddedIPv4(bytes)
  if (v4) return riskOfIPv4(v4)
  const listed = IPV6_RANGES.find((range) => inRange(bytes, range))?.[2]
  if (listed) return listed
  // Everything outside 2000::/3 (global unicast) is unassigned or special.
  return (bytes[0]! & 0xe0) === 0x20 ? undefined : 'reserved'
}

/**
 * Why fetching from this IP address is unsafe (loopback, private, link-local, unique-local,
 * multicast, reserved, documentation), or `undefined` for a public unicast address.
 * IPv6 addresses that embed an IPv4 address are judged by the IPv4 address.
 */
export function addressRisk(address: string): AddressRisk | undefined {
  if (isIPv4(address)) return riskOfIPv4(parseIPv4(address))
  if (isIPv6(address)) return riskOfIPv6(parseIPv6(address))
  return 'invalid'
}

/** True when `address` is a public unicast IPv4 or IPv6 address. */
export const isPublicAddress = (address: string): boolean => addressRisk(address) === undefined
