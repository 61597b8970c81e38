import { describe, expect, it } from 'vitest'

import { checkOutboundUrl, checkOutboundUrlSyntax } from '@/lib/security/outboundUrl'

describe('webhook targets: public addresses only (SSRF)', () => {
  it.each([
    ['https://hooks.example.com/lead', true],
    ['http://93.184.216.34:8080/hook', true],
    ['http://203.0.113.10/hook', false], // documentation range, reserved
    ['http://[2001:db8::1]/hook', false], // documentation range, reserved
    ['http://127.0.0.1:3000/hook', false],
    ['http://[::1]/hook', false],
    ['http://localhost/hook', false],
    ['http://10.1.2.3/hook', false],
    ['http://172.16.0.1/hook', false],
    ['http://192.168.0.10/hook', false],
    ['http://169.254.169.254/latest/meta-data', false],
    ['http://100.64.0.1/hook', false],
    ['http://0.0.0.0/hook', false],
    ['http://[fe80::1]/hook', false],
    ['http://[::ffff:127.0.0.1]/hook', false], // IPv4-mapped loopback
    ['http://db.internal/hook', false],
    ['http://nas.local/hook', false],
    ['http://user:secret@example.com/hook', false],
    ['file:///etc/passwd', false],
    ['gopher://example.com/', false],
    ['not a url', false],
  ])('%s → allowed: %s', (url, allowed) => {
    expect(checkOutboundUrlSyntax(url, false).ok).toBe(allowed)
  })

  it('allows loopback only when told to (local tests)', () => {
    expect(checkOutboundUrlSyntax('http://127.0.0.1:3000/hook', true).ok).toBe(true)
    expect(checkOutboundUrlSyntax('http://localhost:3000/hook', true).ok).toBe(true)
    expect(checkOutboundUrlSyntax('http://10.0.0.1/hook', true).ok).toBe(false)
  })

  it('refuses a public name that resolves inside the network, before each delivery', async () => {
    const resolvesTo = (address: string) => async () => [{ address }]
    expect(
      await checkOutboundUrl('https://hooks.example.com/x', {
        allowLoopback: false,
        lookup: resolvesTo('93.184.216.34'),
      }),
    ).toEqual({ ok: true })
    const inside = await checkOutboundUrl('https://rebind.example.com/x', {
      allowLoopback: false,
      lookup: resolvesTo('10.0.0.8'),
    })
    expect(inside).toMatchObject({ ok: false, reason: /private/ })
    const unresolvable = await checkOutboundUrl('https://nope.example.com/x', {
      allowLoopback: false,
      lookup: async () => {
        throw new Error('ENOTFOUND')
      },
    })
    expect(unresolvable).toMatchObject({ ok: false, reason: /could not be resolved/ })
  })
})
