import { describe, expect, it } from 'vitest'

import { clientAddress } from '@/lib/security/clientAddress'
import { addressLimit } from '@/lib/security/rateLimit'

const headers = (xff?: string) => new Headers(xff === undefined ? {} : { 'x-forwarded-for': xff })

describe('clientAddress: only what trusted proxies wrote', () => {
  it.each([
    // [X-Forwarded-For, trusted hops, address]
    ['203.0.113.7', 0, null], // no proxy trusted: the header is the client's own word
    [undefined, 1, null],
    ['203.0.113.7', 1, '203.0.113.7'], // one balancer appended the peer it saw
    ['1.2.3.4, 203.0.113.7', 1, '203.0.113.7'], // the client wrote 1.2.3.4 itself
    ['1.2.3.4, 5.6.7.8, 203.0.113.7', 1, '203.0.113.7'],
    ['1.2.3.4, 203.0.113.7, 10.0.0.2', 2, '203.0.113.7'], // CDN then balancer
    ['10.0.0.2', 2, null], // fewer entries than trusted proxies: no trustworthy address
    ['  203.0.113.7  ,  ', 1, '203.0.113.7'],
    [`${'9'.repeat(100)}`, 1, null],
  ] as const)('%s with %i trusted hop(s) → %s', (xff, hops, address) => {
    expect(clientAddress(headers(xff), hops)).toBe(address)
  })

  it('a spoofed leftmost entry does not change the key the limits use', () => {
    const real = clientAddress(headers('198.51.100.1, 203.0.113.7'), 1)
    const spoofed = clientAddress(headers('10.9.9.9, 203.0.113.7'), 1)
    expect(addressLimit('lead', real)).toEqual(addressLimit('lead', spoofed))
  })

  it('without a trustworthy address every client shares one budget', () => {
    expect(addressLimit('lead', null)).toEqual(['lead:anyAddress', 'all'])
    expect(addressLimit('track', '203.0.113.7')).toEqual(['track:ip', '203.0.113.7'])
  })
})
