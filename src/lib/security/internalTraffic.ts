import ipaddr from 'ipaddr.js'

type Matcher = (address: string | null) => boolean

const compiled = new Map<string, Matcher>()

/** The internal ranges setting (one address or range per line) as a list. */
export const internalRangesOf = (setting: string | null | undefined): string[] =>
  (setting ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)

/** A line of the internal ranges setting: an address or a CIDR range (IPv4 or IPv6). */
export function parseRange(line: string): [ipaddr.IPv4 | ipaddr.IPv6, number] | null {
  const value = line.trim()
  if (!value) return null
  // Only the usual dotted quad for IPv4 (ipaddr.js would also take legacy forms like 1.2.3).
  const address = value.split('/')[0]
  if (!address.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(address)) return null
  try {
    if (value.includes('/')) return ipaddr.parseCIDR(value)
    const parsed = ipaddr.parse(value)
    return [parsed, parsed.kind() === 'ipv4' ? 32 : 128]
  } catch {
    return null
  }
}

/**
 * Whether a client address is inside the site's internal ranges (staff, agencies, QA), whose
 * visits are not counted. Compiled once per setting value; a null address is never internal.
 */
export function internalAddressMatcher(ranges: readonly string[]): Matcher {
  const key = ranges.join('\n')
  let matcher = compiled.get(key)
  if (!matcher) {
    const parsed = ranges.map(parseRange).filter((range) => range !== null)
    matcher = (address) => {
      if (!address || parsed.length === 0 || !ipaddr.isValid(address)) return false
      const ip = ipaddr.process(address)
      return parsed.some(([base, bits]) => ip.kind() === base.kind() && ip.match(base, bits))
    }
    if (compiled.size > 20) compiled.clear()
    compiled.set(key, matcher)
  }
  return matcher
}
