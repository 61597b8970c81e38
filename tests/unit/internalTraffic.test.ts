import { describe, expect, it } from 'vitest'

import { internalAddressMatcher, parseRange } from '@/lib/security/internalTraffic'

describe('internal address ranges', () => {
  const internal = internalAddressMatcher(['203.0.113.0/24', '198.51.100.7', '2001:db8::/32'])
  it.each([
    ['203.0.113.9', true],
    ['203.0.114.9', false],
    ['198.51.100.7', true],
    ['198.51.100.8', false],
    ['2001:db8::1', true],
    ['2001:db9::1', false],
    ['::ffff:203.0.113.9', true], // IPv4-mapped IPv6
    ['not-an-address', false],
    [null, false],
  ] as const)('%s → internal: %s', (address, expected) => {
    expect(internal(address)).toBe(expected)
  })

  it('refuses lines that are not addresses or ranges', () => {
    expect(parseRange('10.0.0.0/8')).not.toBeNull()
    for (const line of ['10.0.0.0/33', 'example.com', '1.2.3', '10.0.0.0/'])
      expect(parseRange(line)).toBeNull()
  })

  it('with no ranges nobody is internal', () => {
    expect(internalAddressMatcher([])('203.0.113.9')).toBe(false)
  })
})
