import { afterEach, describe, expect, it, vi } from 'vitest'

import { databaseKind } from '@/lib/db/byAdapter'
import {
  DEFAULT_HEAP_GROWING_PERCENT,
  getPayloadSecret,
  heapGrowingPercent,
  servesVariantHtmlFromMemory,
  writesSharedEvents,
} from '@/lib/env'

describe('databaseKind', () => {
  it.each([
    ['file:./data/splitpage.db', 'sqlite'],
    ['file:/tmp/x.db', 'sqlite'],
    ['mongodb://127.0.0.1:27017/splitpage', 'mongodb'],
    ['mongodb+srv://user:pw@cluster.example/db', 'mongodb'],
  ])('%s → %s', (uri, kind) => expect(databaseKind(uri)).toBe(kind))

  it('refuses other schemes with a message naming the accepted ones', () => {
    expect(() => databaseKind('postgres://localhost/db')).toThrow(/file: .*mongodb:\/\//)
  })
})

describe('getPayloadSecret', () => {
  afterEach(() => vi.unstubAllEnvs())

  it('uses PAYLOAD_SECRET when set', () => {
    vi.stubEnv('PAYLOAD_SECRET', 's3cret')
    expect(getPayloadSecret()).toBe('s3cret')
  })

  it('gives development a clearly-labelled local default', () => {
    vi.stubEnv('PAYLOAD_SECRET', '')
    vi.stubEnv('NODE_ENV', 'development')
    expect(getPayloadSecret()).toMatch(/local-development.*not-for-production/)
  })

  it('refuses to run production without a secret and says why', () => {
    vi.stubEnv('PAYLOAD_SECRET', '')
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('NEXT_PHASE', '')
    expect(() => getPayloadSecret()).toThrow(/PAYLOAD_SECRET is not set/)
  })

  it('lets the production build phase through (it serves nothing)', () => {
    vi.stubEnv('PAYLOAD_SECRET', '')
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv('NEXT_PHASE', 'phase-production-build')
    expect(getPayloadSecret()).toBeTruthy()
  })
})

describe('writesSharedEvents (EVENT_WRITER)', () => {
  afterEach(() => vi.unstubAllEnvs())

  it.each([
    [undefined, true],
    ['', true],
    ['true', true],
    ['on', true],
    ['false', false],
    [' FALSE ', false],
    ['off', false],
    ['0', false],
    ['no', false],
  ])('EVENT_WRITER=%j → %s', (value, writes) => {
    if (value === undefined) vi.stubEnv('EVENT_WRITER', undefined as unknown as string)
    else vi.stubEnv('EVENT_WRITER', value)
    expect(writesSharedEvents()).toBe(writes)
  })
})

describe('heapGrowingPercent', () => {
  afterEach(() => {
    vi.unstubAllEnvs()
    vi.restoreAllMocks()
  })

  it("bounds the heap's growth by default", () => {
    vi.stubEnv('HEAP_GROWING_PERCENT', '')
    expect(heapGrowingPercent()).toBe(DEFAULT_HEAP_GROWING_PERCENT)
    expect(DEFAULT_HEAP_GROWING_PERCENT).toBe(50)
  })

  it.each([
    ['0', 0],
    [' 25 ', 25],
    ['400', 400],
  ])('takes HEAP_GROWING_PERCENT=%s as %i (0 leaves it to V8)', (raw, percent) => {
    vi.stubEnv('HEAP_GROWING_PERCENT', raw)
    expect(heapGrowingPercent()).toBe(percent)
  })

  it.each(['-1', '401', '1.5', 'fifty', '1e2x'])(
    'ignores HEAP_GROWING_PERCENT=%s with a warning that names it',
    (raw) => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
      vi.stubEnv('HEAP_GROWING_PERCENT', raw)
      expect(heapGrowingPercent()).toBe(DEFAULT_HEAP_GROWING_PERCENT)
      expect(warn).toHaveBeenCalledWith(expect.stringContaining(`HEAP_GROWING_PERCENT=${raw}`))
    },
  )
})

describe('servesVariantHtmlFromMemory', () => {
  afterEach(() => vi.unstubAllEnvs())

  it.each([
    ['production', '', true],
    ['production', 'true', true],
    ['production', 'false', false],
    ['production', ' OFF ', false],
    ['production', '0', false],
    // Development renders on every request: never from memory.
    ['development', '', false],
    ['test', '', false],
  ])('NODE_ENV=%s, VARIANT_HTML_CACHE=%j → %s', (nodeEnv, setting, serves) => {
    vi.stubEnv('NODE_ENV', nodeEnv)
    vi.stubEnv('VARIANT_HTML_CACHE', setting)
    expect(servesVariantHtmlFromMemory()).toBe(serves)
  })
})
