import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf'
import { nanoid } from 'nanoid'
import { describe, expect, it } from 'vitest'

import { chooseVariant, getBucketRanges } from '@/lib/experiments/buckets'
import { BUCKETS, fnv1a32, hash } from '@/lib/experiments/hash'

describe('fnv1a32', () => {
  // Reference values from the FNV specification's test suite (draft-eastlake-fnv).
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('%j → %i', (text, expected) => expect(fnv1a32(text)).toBe(expected))
})

describe('hash', () => {
  // Pinned: a change here would silently move every visitor to another variant.
  it.each([
    ['exp-seed-1', 'V1StGXR8_Z5jdHi6B-myT', 4703],
    ['exp-seed-1', 'a', 365],
    ['exp-seed-2', 'V1StGXR8_Z5jdHi6B-myT', 1739],
    ['', '', 2305],
    ['seed', 'visitor-123456789012345', 4264],
    ['abc123XYZ789', 'ZzZzZzZzZzZzZzZzZzZzZ', 1666],
  ])('hash(%j, %j) = %i', (seed, value, bucket) => expect(hash(seed, value)).toBe(bucket))

  it('is deterministic and stays within [0, 10000)', () => {
    for (let i = 0; i < 1000; i++) {
      const id = nanoid(21)
      const bucket = hash('seed', id)
      expect(bucket).toBe(hash('seed', id))
      expect(Number.isInteger(bucket) && bucket >= 0 && bucket < BUCKETS).toBe(true)
    }
  })

  it('spreads 100 000 random visitor ids uniformly over 100 bins (χ², p > 0.001)', () => {
    const bins = new Array(100).fill(0)
    const n = 100_000
    for (let i = 0; i < n; i++) bins[Math.floor(hash('uniformity-seed', nanoid(21)) / 100)]++
    const expected = n / bins.length
    const chi2 = bins.reduce((sum, observed) => sum + (observed - expected) ** 2 / expected, 0)
    const p = 1 - chisquareCdf(chi2, bins.length - 1)
    expect(p).toBeGreaterThan(0.001)
  })

  it('spreads sequential ids uniformly too (no structure leaks through)', () => {
    const bins = new Array(10).fill(0)
    const n = 100_000
    for (let i = 0; i < n; i++) bins[Math.floor(hash('seq', `visitor-${i}`) / 1000)]++
    const chi2 = bins.reduce((sum, observed) => sum + (observed - n / 10) ** 2 / (n / 10), 0)
    expect(1 - chisquareCdf(chi2, 9)).toBeGreaterThan(0.001)
  })

  it("keeps one visitor's buckets in two experiments independent (χ² test of a 2×2 table)", () => {
    const table = [
      [0, 0],
      [0, 0],
    ]
    const n = 100_000
    for (let i = 0; i < n; i++) {
      const id = nanoid(21)
      table[hash('experiment-a', id) < 5000 ? 0 : 1][hash('experiment-b', id) < 5000 ? 0 : 1]++
    }
    const rows = table.map((r) => r[0] + r[1])
    const cols = [table[0][0] + table[1][0], table[0][1] + table[1][1]]
    let chi2 = 0
    for (const r of [0, 1]) {
      for (const c of [0, 1]) {
        const expected = (rows[r] * cols[c]) / n
        chi2 += (table[r][c] - expected) ** 2 / expected
      }
    }
    expect(1 - chisquareCdf(chi2, 1)).toBeGreaterThan(0.001)
  })
})

describe('getBucketRanges', () => {
  it.each([
    [
      [50, 50],
      [
        [0, 5000],
        [5000, 10000],
      ],
    ],
    [
      [100, 0],
      [
        [0, 10000],
        [10000, 10000],
      ],
    ],
    [
      [0, 100],
      [
        [0, 0],
        [0, 10000],
      ],
    ],
    [
      [33.33, 33.33, 33.34],
      [
        [0, 3333],
        [3333, 6666],
        [6666, 10000],
      ],
    ],
    [
      [10, 20, 30, 40],
      [
        [0, 1000],
        [1000, 3000],
        [3000, 6000],
        [6000, 10000],
      ],
    ],
    // Bad configuration is clamped, never NaN and never past the last bucket.
    [
      [-5, 150],
      [
        [0, 0],
        [0, 10000],
      ],
    ],
    [
      [Number.NaN, 50],
      [
        [0, 0],
        [0, 5000],
      ],
    ],
    [
      [80, 80],
      [
        [0, 8000],
        [8000, 10000],
      ],
    ],
  ])('%j → %j', (percentages, ranges) => expect(getBucketRanges(percentages)).toEqual(ranges))
})

describe('chooseVariant', () => {
  const ranges = getBucketRanges([20, 30, 50])
  it.each([
    [0, 0],
    [1999, 0],
    [2000, 1],
    [4999, 1],
    [5000, 2],
    [9999, 2],
  ])('bucket %i → arm %i', (bucket, arm) => expect(chooseVariant(bucket, ranges)).toBe(arm))

  it('gives nobody to a 0% arm and everybody to a 100% arm', () => {
    const zeroFirst = getBucketRanges([0, 100])
    for (let i = 0; i < 2000; i++) expect(chooseVariant(hash('s', nanoid(21)), zeroFirst)).toBe(1)
  })

  it('returns -1 when the percentages leave buckets unassigned', () => {
    expect(chooseVariant(9000, getBucketRanges([40, 40]))).toBe(-1)
  })

  it('splits 3 arms in proportion to their traffic', () => {
    const split = getBucketRanges([20, 30, 50])
    const counts = [0, 0, 0]
    const n = 60_000
    for (let i = 0; i < n; i++) counts[chooseVariant(hash('three-arms', nanoid(21)), split)]++
    const expected = [0.2, 0.3, 0.5].map((share) => share * n)
    const chi2 = counts.reduce((sum, c, i) => sum + (c - expected[i]) ** 2 / expected[i], 0)
    expect(1 - chisquareCdf(chi2, 2)).toBeGreaterThan(0.001)
  })
})
