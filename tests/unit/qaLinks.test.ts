import { describe, expect, it } from 'vitest'

import { qaKeyTag, readQaToken, signQaToken } from '@/lib/experiments/qaLinks'

const SECRET = 'qa-test-secret'
const now = Date.UTC(2026, 10, 25)
const token = (over: Partial<Parameters<typeof signQaToken>[1]> = {}) =>
  signQaToken(SECRET, {
    experimentId: '7',
    variantId: '12',
    expiresAt: now / 1000 + 3600,
    key: 'key-1',
    ...over,
  })

describe('QA link tokens', () => {
  it('a signed, unexpired token names its experiment, variant and key', () => {
    expect(readQaToken(SECRET, token(), now)).toEqual({
      ok: true,
      claim: {
        experimentId: '7',
        variantId: '12',
        expiresAt: now / 1000 + 3600,
        keyTag: qaKeyTag(SECRET, 'key-1'),
      },
    })
  })

  it('a rotated key gives another tag (the page refuses the old links)', () => {
    expect(qaKeyTag(SECRET, 'key-1')).not.toBe(qaKeyTag(SECRET, 'key-2'))
  })

  it('refuses an expired token', () => {
    expect(readQaToken(SECRET, token({ expiresAt: now / 1000 - 1 }), now)).toEqual({
      ok: false,
      reason: 'expired',
    })
  })

  it.each([
    ['another variant', (t: string) => t.replace('.12.', '.13.')],
    ['a later expiry', (t: string) => t.replace(/\.\d+\./, `.${now / 1000 + 999_999}.`)],
    [
      'another key tag',
      (t: string) =>
        t
          .split('.')
          .map((p, i) => (i === 3 ? 'AAAAAAAAAA' : p))
          .join('.'),
    ],
    ['a changed signature', (t: string) => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`],
  ])('refuses a token edited for %s', (_, edit) => {
    expect(readQaToken(SECRET, edit(token()), now)).toMatchObject({ ok: false, reason: 'forged' })
  })

  it('refuses a token signed with another secret', () => {
    expect(readQaToken('other-secret', token(), now)).toMatchObject({ ok: false, reason: 'forged' })
  })

  it.each([
    undefined,
    '',
    'x',
    'a.b.c.d',
    'a.b.c.d.e.f',
    '7.12.soon.tag.sig',
    `${'7'.repeat(50)}.1.1.t.s`,
    'x'.repeat(500),
  ])('refuses the malformed %j', (value) => {
    expect(readQaToken(SECRET, value, now)).toEqual({ ok: false, reason: 'malformed' })
  })
})
