import { describe, expect, it } from 'vitest'

import { assignFromSnapshot, isServing, type ExperimentConfig } from '@/lib/experiments/snapshot'
import { decodeAssignments, encodeAssignments } from '@/lib/visitor/sticky'
import { getOrCreateVisitorId, isValidVisitorId } from '@/lib/visitor/visitorId'
import { idOf } from '@/lib/ids'

const experiment = (overrides: Partial<ExperimentConfig> = {}): ExperimentConfig => ({
  id: '7',
  name: 'Headline test',
  seed: 'seed-7',
  pageId: '1',
  pageSlug: 'landing',
  status: 'running',
  startDate: null,
  endDate: null,
  variants: [
    { id: '10', trafficPercentage: 50 },
    { id: '11', trafficPercentage: 50 },
  ],
  ...overrides,
})
const snapshot = (...experiments: ExperimentConfig[]) => ({
  experiments,
  consentRequired: false,
  loadedAt: Date.now(),
})
const now = new Date('2026-06-01T12:00:00Z')
const visitorId = 'V1StGXR8_Z5jdHi6B-myT'

describe('getOrCreateVisitorId', () => {
  it('keeps a valid id', () => {
    expect(getOrCreateVisitorId(visitorId)).toEqual({ visitorId, created: false })
  })

  it.each([
    undefined,
    null,
    '',
    'short',
    'x'.repeat(22),
    'V1StGXR8_Z5jdHi6B-my!',
    '<script>alert(1)',
  ])('replaces %j with a fresh nanoid(21)', (cookie) => {
    const result = getOrCreateVisitorId(cookie)
    expect(result.created).toBe(true)
    expect(isValidVisitorId(result.visitorId)).toBe(true)
  })

  it('gives different visitors different ids', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => getOrCreateVisitorId(null).visitorId))
    expect(ids.size).toBe(1000)
  })
})

describe('isServing', () => {
  it.each([
    ['running, no dates', {}, true],
    ['paused', { status: 'paused' as const }, false],
    ['completed', { status: 'completed' as const }, false],
    ['draft', { status: 'draft' as const }, false],
    ['before its start', { startDate: '2026-06-02T00:00:00Z' }, false],
    ['after its start', { startDate: '2026-05-01T00:00:00Z' }, true],
    ['after its end', { endDate: '2026-06-01T11:59:59Z' }, false],
    ['before its end', { endDate: '2026-07-01T00:00:00Z' }, true],
  ])('%s → %s', (_label, overrides, serving) => {
    expect(isServing(experiment(overrides), now)).toBe(serving)
  })
})

describe('assignFromSnapshot', () => {
  it('assigns the same variant to the same visitor every time', () => {
    const first = assignFromSnapshot(snapshot(experiment()), {
      pageSlug: 'landing',
      visitorId,
      now,
    })
    for (let i = 0; i < 20; i++) {
      expect(
        assignFromSnapshot(snapshot(experiment()), { pageSlug: 'landing', visitorId, now }),
      ).toEqual(first)
    }
    expect(first?.fresh).toBe(true)
  })

  it('returns null for a page without a serving experiment', () => {
    expect(
      assignFromSnapshot(snapshot(experiment()), { pageSlug: 'other', visitorId, now }),
    ).toBeNull()
    expect(
      assignFromSnapshot(snapshot(experiment({ status: 'paused' })), {
        pageSlug: 'landing',
        visitorId,
        now,
      }),
    ).toBeNull()
  })

  it('keeps a sticky assignment when the split changes', () => {
    const everyoneToB = experiment({
      variants: [
        { id: '10', trafficPercentage: 0 },
        { id: '11', trafficPercentage: 100 },
      ],
    })
    const kept = assignFromSnapshot(snapshot(everyoneToB), {
      pageSlug: 'landing',
      visitorId,
      now,
      sticky: { '7': '10' },
    })
    expect(kept).toMatchObject({ variantId: '10', fresh: false })
    const newcomer = assignFromSnapshot(snapshot(everyoneToB), {
      pageSlug: 'landing',
      visitorId,
      now,
    })
    expect(newcomer).toMatchObject({ variantId: '11', fresh: true })
  })

  it('ignores a sticky assignment to a variant no longer in the experiment', () => {
    const result = assignFromSnapshot(snapshot(experiment()), {
      pageSlug: 'landing',
      visitorId,
      now,
      sticky: { '7': '999' },
    })
    expect(['10', '11']).toContain(result?.variantId)
    expect(result?.fresh).toBe(true)
  })
})

describe('sticky assignments cookie', () => {
  const secret = 'test-secret'

  it('round-trips for the visitor it was signed for', () => {
    const cookie = encodeAssignments({ '7': '10', abc: 'def' }, visitorId, secret)
    expect(decodeAssignments(cookie, visitorId, secret)).toEqual({ '7': '10', abc: 'def' })
  })

  it.each([
    ['another visitor', (c: string) => c, 'OtherVisitorId_123456'],
    ['an edited body', (c: string) => c.replace('7:10', '7:11'), visitorId],
    [
      'a forged signature',
      (c: string) => c.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAA'),
      visitorId,
    ],
    ['no signature', (c: string) => c.split('.')[0], visitorId],
    ['garbage', () => '%%%;;;', visitorId],
    ['a huge value', () => 'a'.repeat(5000), visitorId],
  ])('ignores %s', (_label, tamper, reader) => {
    const cookie = tamper(encodeAssignments({ '7': '10' }, visitorId, secret))
    expect(decodeAssignments(cookie, reader, secret)).toEqual({})
  })

  it('keeps at most 20 experiments, the most recent', () => {
    const many = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`e${i}`, `v${i}`]))
    const decoded = decodeAssignments(encodeAssignments(many, visitorId, secret), visitorId, secret)
    expect(Object.keys(decoded)).toHaveLength(20)
    expect(decoded.e29).toBe('v29')
  })
})

describe('idOf', () => {
  it.each([
    [5, '5'],
    ['abc', 'abc'],
    [{ id: 7, title: 'x' }, '7'],
    [{ id: { toHexString: () => '65f0c0ffee' } }, '65f0c0ffee'],
    // An ObjectId-like value: its `id` is raw bytes, its hex form is the id.
    [
      { id: Buffer.from('xyz'), toHexString: () => '0123456789abcdef01234567' },
      '0123456789abcdef01234567',
    ],
  ])('%j → %j', (value, expected) => expect(idOf(value)).toBe(expected))
})

describe('traffic allocation', () => {
  const visitors = Array.from({ length: 100_000 }, (_, i) => `visitor-${i.toString(36)}-allocation`)
  const assign = (allocation: number, visitor: string, sticky = {}) =>
    assignFromSnapshot(snapshot(experiment({ allocation })), {
      pageSlug: 'landing',
      visitorId: visitor,
      now,
      sticky,
    })

  it('admits about the allocated share, split as configured among them (χ² over 100 000 visitors)', () => {
    const counts = new Map<string, number>()
    let admitted = 0
    for (const visitor of visitors) {
      const result = assign(20, visitor)
      if (!result) continue
      admitted++
      counts.set(result.variantId, (counts.get(result.variantId) ?? 0) + 1)
    }
    // 20% ± 4 standard errors.
    const sd = Math.sqrt(100_000 * 0.2 * 0.8)
    expect(Math.abs(admitted - 20_000)).toBeLessThan(4 * sd)
    // The split among admitted visitors is independent of the allocation hash: χ², 1 df.
    const expected = admitted / 2
    const chi2 = [...counts.values()].reduce((sum, n) => sum + (n - expected) ** 2 / expected, 0)
    expect(chi2).toBeLessThan(10.83) // p > 0.001
  })

  it('raising it only adds visitors, never moves one between variants', () => {
    for (const visitor of visitors.slice(0, 20_000)) {
      const at20 = assign(20, visitor)
      const at50 = assign(50, visitor)
      if (at20) expect(at50?.variantId).toBe(at20.variantId)
    }
  })

  it('lowering it never takes out a visitor already assigned (the sticky cookie wins)', () => {
    const inAtFifty = visitors.find((visitor) => assign(50, visitor) && !assign(10, visitor))!
    const first = assign(50, inAtFifty)!
    const later = assign(10, inAtFifty, { [first.experiment.id]: first.variantId })
    expect(later).toMatchObject({ variantId: first.variantId, fresh: false })
  })

  it('at 100% (the default) admits everyone', () => {
    expect(visitors.slice(0, 1000).every((visitor) => assign(100, visitor))).toBe(true)
  })
})
