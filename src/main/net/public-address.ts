// Whether an IP address is one the app may fetch from on a user's behalf: a public one.
// A certificate background is fetched from an address a template names, so a template
// (typed here, or pulled from the hosted LMS) must not reach this computer (loopback, the
// app's own server), the local network (private, link-local: a router, a cloud's metadata
// service) or an unspecified address. IPv6 forms that carry an IPv4 address inside
// (IPv4-mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that
// IPv4 address; Teredo, whose inner address is hidden, is refused.
import net from 'node:net'

type Range = readonly [network: readonly number[], bits: number, what: string]

// Everything but the public unicast space (IANA special-purpose registries).
const V4_REFUSED: readonly Range[] = [
  [[0, 0, 0, 0], 8, 'unspecified ("this network")'],
  [[10, 0, 0, 0], 8, 'private'],
  [[100, 64, 0, 0], 10, 'shared (carrier-grade NAT)'],
  [[127, 0, 0, 0], 8, 'loopback'],
  [[169, 254, 0, 0], 16, 'link-local'],
  [[172, 16, 0, 0], 12, 'private'],
  [[192, 0, 0, 0], 24, 'reserved'],
  [[192, 0, 2, 0], 24, 'documentation'],
  [[192, 88, 99, 0], 24, 'reserved'],
  [[192, 168, 0, 0], 16, 'private'],
  [[198, 18, 0, 0], 15, 'benchmarking'],
  [[198, 51, 100, 0], 24, 'documentation'],
  [[203, 0, 113, 0], 24, 'documentation'],
  [[224, 0, 0, 0], 4, 'multicast'],
  [[240, 0, 0, 0], 4, 'reserved'],
]

const V6_REFUSED: readonly Range[] = [
  [Array<number>(16).fill(0), 128, 'unspecified'],
  [[...Array<number>(15).fill(0), 1], 128, 'loopback'],
  // The rest of ::/96: the deprecated IPv4-compatible forms.
  [Array<number>(12).fill(0), 96, 'IPv4-compatible (deprecated)'],
  [[0, 0x64, 0xff, 0x9b, 0, 1], 48, 'local NAT64'],
  [[1, 0, 0, 0, 0, 0, 0, 0], 64, 'discard-only'],
  [[0x20, 0x01, 0, 0], 32, 'Teredo'],
  [[0x20, 0x01, 0x0d, 0xb8], 32, 'documentation'],
  [[0xfc], 7, 'unique local (private)'],
  [[0xfe, 0x80], 10, 'link-local'],
  [[0xfe, 0xc0], 10, 'site-local'],
  [[0xff], 8, 'multicast'],
]

function inRange(bytes: readonly number[], [network, bits]: Range): boolean {
  for (let i = 0; i < bits; i += 8) {
    const take = Math.min(8, bits - i)
    const mask = (0xff << (8 - take)) & 0xff
    if (((bytes[i / 8] ?? 0) & mask) !== ((network[i / 8] ?? 0) & mask)) return false
  }
  return true
}

function v4Bytes(text: string): number[] | null {
  if (net.isIPv4(text) === false) return null
  return text.split('.').map(Number)
}

/** The 16 bytes of an IPv6 address (brackets and a zone id allowed), or null. */
function v6Bytes(input: string): number[] | null {
  const text = input.replace(/^\[|\]$/g, '').replace(/%.*$/, '')
  if (!net.isIPv6(text)) return null
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null]
  const groups = (part: string): number[] | null => {
    if (part === '') return []
    const out: number[] = []
    for (const piece of part.split(':')) {
      if (piece.includes('.')) {
        const v4 = v4Bytes(piece)
        if (!v4) return null
        out.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3])
      } else out.push(parseInt(piece, 16))
    }
    return out
  }
  const left = groups(head)
  const right = tail === null ? [] : groups(tail)
  if (!left || !right) return null
  const all = tail === null ? left : [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right]
  if (all.length !== 8) return null
  return all.flatMap((g) => [g >> 8, g & 0xff])
}

/** Why the address must not be fetched from ("loopback", "private"...), or null for a public address. */
export function refusedAddress(address: string): string | null {
  const v4 = v4Bytes(address)
  if (v4) return V4_REFUSED.find((r) => inRange(v4, r))?.[2] ?? null
  const v6 = v6Bytes(address)
  if (!v6) return 'not an IP address'
  // Forms carrying an IPv4 address are judged by it.
  const mapped = v6.slice(0, 10).every((b) => b === 0) && v6[10] === 0xff && v6[11] === 0xff
  const nat64 = inRange(v6, [[0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0], 96, ''])
  if (mapped || nat64) return refusedAddress(v6.slice(12).join('.'))
  if (v6[0] === 0x20 && v6[1] === 0x02) return refusedAddress(v6.slice(2, 6).join('.'))
  return V6_REFUSED.find((r) => inRange(v6, r))?.[2] ?? null
}
