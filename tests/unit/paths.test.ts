import { describe, expect, it } from 'vitest'

import {
  parseVariantKey,
  slugFromPath,
  VARIANT_PATH_PREFIX,
  variantPath,
  variantPathToken,
} from '@/lib/experiments/paths'

describe('variant paths', () => {
  const token = variantPathToken('a-secret')

  it('is one segment after the prefix, read back into its four parts', () => {
    const path = variantPath(token, 'spring-sale', '12', '34')
    expect(path).toBe(`/vr/${token}~spring-sale~12~34`)
    expect(path.slice(VARIANT_PATH_PREFIX.length)).not.toContain('/')
    expect(parseVariantKey(path.slice(VARIANT_PATH_PREFIX.length))).toEqual({
      token,
      slug: 'spring-sale',
      experimentId: '12',
      variantId: '34',
    })
    // MongoDB ids (hex) too.
    const mongo = variantPath(token, 'home', '65f0c0ffee0000000000abcd', '65f0c0ffee0000000000abce')
    expect(parseVariantKey(mongo.slice(VARIANT_PATH_PREFIX.length))?.variantId).toBe(
      '65f0c0ffee0000000000abce',
    )
  })

  it('derives the token from the secret: the same for the same secret, not guessable without it', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(variantPathToken('a-secret')).toBe(token)
    expect(variantPathToken('another-secret')).not.toBe(token)
  })

  it.each([
    ['too few parts', `${'x'.repeat(16)}~home~12`],
    ['too many parts', `${'x'.repeat(16)}~home~12~34~56`],
    ['an empty part', `${'x'.repeat(16)}~~12~34`],
    ['no separator at all', 'home'],
    ['empty', ''],
  ])('refuses a key with %s', (_label, key) => {
    expect(parseVariantKey(key)).toBeNull()
  })

  it('reads page slugs from public paths only', () => {
    expect(slugFromPath('/')).toBe('home')
    expect(slugFromPath('/spring-sale')).toBe('spring-sale')
    expect(slugFromPath('/spring-sale/')).toBe('spring-sale')
    expect(slugFromPath('/Spring')).toBeNull()
    expect(slugFromPath(`/vr/${token}~home~1~2`)).toBeNull()
  })
})
