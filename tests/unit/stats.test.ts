import { describe, expect, it } from 'vitest'

import {
  calculateExperimentStats,
  chanceToBeat,
  holmAdjust,
  mixtureTau,
  relativeLiftInterval,
  sampleRatioMismatch,
  sequentialTest,
  unpooledZTest,
  visitorsPerArm,
} from '@/lib/stats/experimentStats'

// Reference values: tests/reference/stats_reference.py, run with Debian's python3-scipy 1.10.1 and
// python3-statsmodels 0.13.5. p: statsmodels test_proportions_2indep(xv, nv, xc, nc,
// method='wald', compare='diff').pvalue; chance: scipy.integrate.quad of
// beta.pdf(x; 1+xv, 1+nv-xv) · beta.cdf(x; 1+xc, 1+nc-xc); ci: the delta-method formula with
// scipy.stats.norm.ppf(0.975).
const pairs: {
  name: string
  c: { x: number; n: number }
  v: { x: number; n: number }
  p: number | null
  chance: number
  ci: [number, number] | null
}[] = [
  {
    name: 'equal rates',
    c: { x: 100, n: 1000 },
    v: { x: 100, n: 1000 },
    p: 1.0,
    chance: 0.4999999999989999,
    ci: [-0.2629567621729745, 0.2629567621729745],
  },
  {
    name: 'large effect',
    c: { x: 50, n: 1000 },
    v: { x: 120, n: 1000 },
    p: 1.5375843323155336e-8,
    chance: 0.9999999929133481,
    ci: [0.636670140815332, 2.163329859184668],
  },
  {
    name: 'tiny samples',
    c: { x: 1, n: 8 },
    v: { x: 3, n: 9 },
    p: 0.2874845987672756,
    chance: 0.8157894736832108,
    ci: [-3.8080811708982796, 7.141414504231612],
  },
  {
    name: 'zero conversions in the variant',
    c: { x: 10, n: 200 },
    v: { x: 0, n: 200 },
    p: 0.0011768659106247378,
    chance: 0.0004242783304274113,
    ci: [-1, -1],
  },
  // statsmodels divides by zero here; p is 2·scipy.stats.norm.sf(0.2 / sqrt(0.8·0.2/50)).
  {
    name: '100% conversion in the variant',
    c: { x: 40, n: 50 },
    v: { x: 50, n: 50 },
    p: 0.00040695201744495973,
    chance: 0.9997326673742165,
    ci: [0.07676202195629028, 0.4232379780437097],
  },
  {
    name: 'small lift, large sample',
    c: { x: 4000, n: 100000 },
    v: { x: 4200, n: 100000 },
    p: 0.024109629102834033,
    chance: 0.9879428442279617,
    ci: [0.005474941202849422, 0.09452505879715067],
  },
]

describe.each(pairs)('$name', ({ c, v, p, chance, ci }) => {
  it('p-value of the unpooled z-test', () => {
    const value = unpooledZTest(c, v)
    if (p === null) expect(value).toBeNull()
    else expect(value).toBeCloseTo(p, 6)
  })
  it('chance to beat control (Beta(1,1) prior)', () =>
    expect(chanceToBeat(c, v)).toBeCloseTo(chance, 6))
  it('the relative-lift interval (log-ratio test, stats.cases.test.ts) contains the delta-method one’s centre and stays above −100%', () => {
    const interval = relativeLiftInterval(c, v, 0.05)
    if (ci === null || c.x === 0 || v.x === 0) {
      // The log-ratio interval needs conversions in both arms (the delta method gave −100%..−100%).
      expect(interval === null || v.x > 0).toBe(true)
      return
    }
    const centre = (ci[0] + ci[1]) / 2
    expect(interval![0]).toBeLessThan(centre)
    expect(interval![1]).toBeGreaterThan(centre)
    expect(interval![0]).toBeGreaterThan(-1)
  })
})

describe('sample ratio mismatch', () => {
  // scipy.stats.chisquare(observed, expected).pvalue
  it.each([
    ['balanced 50/50', [5000, 5050], [50, 50], 0.6179522266795625, false],
    ['mismatched 50/50', [5000, 5400], [50, 50], 8.769942375590228e-5, true],
    ['unequal 20/80 matching', [2010, 7990], [20, 80], 0.8025873486341526, false],
    ['unequal 20/80 mismatched', [2300, 7700], [20, 80], 6.381783345821795e-14, true],
    ['three arms', [3300, 3350, 3350], [33.34, 33.33, 33.33], null, false],
  ])('%s', (_name, visitors, weights, pValue, flagged) => {
    const srm = sampleRatioMismatch(visitors as number[], weights as number[])
    if (pValue !== null) expect(srm.pValue).toBeCloseTo(pValue as number, 6)
    expect(srm.flagged).toBe(flagged)
  })

  it('matches scipy for three equal arms', () => {
    // scipy.stats.chisquare([3300, 3350, 3350], [10000/3]*3).pvalue = 0.7788007830714049
    expect(sampleRatioMismatch([3300, 3350, 3350], [1, 1, 1]).pValue).toBeCloseTo(
      0.7788007830714049,
      6,
    )
  })

  it('flags visitors in an arm configured for no traffic, and says nothing without visitors', () => {
    expect(sampleRatioMismatch([100, 5], [100, 0])).toMatchObject({ pValue: 0, flagged: true })
    expect(sampleRatioMismatch([0, 0], [50, 50])).toMatchObject({ pValue: null, flagged: false })
  })
})

describe('sample ratio mismatch names the arms that drive it', () => {
  it('one arm of three over-served: that arm, with its observed and expected share', () => {
    const srm = sampleRatioMismatch([3300, 3300, 3800], [1, 1, 1])
    expect(srm.flagged).toBe(true)
    expect(srm.arms.map((arm) => arm.index)).toEqual([2])
    expect(srm.arms[0].observedShare).toBeCloseTo(3800 / 10400, 12)
    expect(srm.arms[0].expectedShare).toBeCloseTo(1 / 3, 12)
  })
  it('a 50/50 split short on the control: both arms, largest departure first', () => {
    const srm = sampleRatioMismatch([4700, 5300], [50, 50])
    expect(srm.flagged).toBe(true)
    expect(srm.arms.map((arm) => arm.index).sort()).toEqual([0, 1])
  })
  it('names nobody when the split is fine', () => {
    expect(sampleRatioMismatch([5000, 5050], [50, 50]).arms).toEqual([])
  })
})

describe('Holm adjustment', () => {
  // statsmodels.stats.multitest.multipletests([0.01, 0.04, 0.03], method='holm')[1]
  it('matches statsmodels', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03])
    ;[0.03, 0.06, 0.06].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 10))
  })
  it('keeps nulls', () => expect(holmAdjust([null, 0.02])).toEqual([null, 0.02]))
})

describe('visitors per arm', () => {
  // The two-proportion formula evaluated with scipy.stats.norm.ppf (see the reference script).
  it.each([
    [0.05, 0.1, 31234],
    [0.2, 0.05, 25583],
  ])('baseline %f, mde %f → %i', (baseline, mde, n) =>
    expect(visitorsPerArm(baseline, mde, 0.05, 0.8)).toBe(n),
  )
  it('is null without a baseline rate', () => expect(visitorsPerArm(0, 0.1, 0.05, 0.8)).toBeNull())
})

describe('calculateExperimentStats', () => {
  const arm = (id: string, visitors: number, conversions: number) => ({
    id,
    name: id,
    visitors,
    conversions,
  })

  it('reports visitor-level rates, lift and a verdict', () => {
    const stats = calculateExperimentStats([arm('a', 1000, 50), arm('b', 1000, 120)], [50, 50])
    expect(stats.arms[0]).toMatchObject({ verdict: 'control', conversionRate: 0.05, pValue: null })
    expect(stats.arms[1]).toMatchObject({
      verdict: 'winner',
      significant: true,
      conversionRate: 0.12,
    })
    expect(stats.arms[1].absoluteLift).toBeCloseTo(0.07, 12)
    expect(stats.arms[1].relativeLift).toBeCloseTo(1.4, 12)
    expect(stats.srm.flagged).toBe(false)
    expect(stats.totalVisitors).toBe(2000)
  })

  it('gives undefined (null) rates and nulls, never NaN, when nobody was exposed', () => {
    const stats = calculateExperimentStats([arm('a', 0, 0), arm('b', 0, 0)], [50, 50])
    expect(stats.arms.map((a) => a.conversionRate)).toEqual([null, null])
    expect(stats.arms[1]).toMatchObject({
      relativeLift: null,
      relativeLiftInterval: null,
      pValue: null,
      chanceToBeatControl: null,
      verdict: 'no-data',
    })
    expect(stats.srm.pValue).toBeNull()
    expect(JSON.stringify(stats)).not.toMatch(/NaN|Infinity/)
  })

  it('handles 0 visitors in one arm and a 0% control', () => {
    const stats = calculateExperimentStats(
      [arm('a', 500, 0), arm('b', 0, 0), arm('c', 500, 10)],
      [34, 33, 33],
    )
    expect(stats.arms[1].verdict).toBe('no-data')
    expect(stats.arms[2].relativeLift).toBeNull()
    expect(stats.srm.flagged).toBe(true)
    // No conversions in the control yet: the estimate uses the planned baseline (5%).
    expect(stats.sampleSize.perArm).toBeGreaterThan(0)
    expect(stats.sampleSize.reason).toBeNull()
    expect(JSON.stringify(stats)).not.toMatch(/NaN|Infinity/)
  })

  it('Holm-adjusts p-values with 3+ arms', () => {
    const stats = calculateExperimentStats(
      [arm('a', 4000, 200), arm('b', 4000, 250), arm('c', 4000, 205)],
      [34, 33, 33],
    )
    const raw = stats.arms.slice(1).map((a) => a.pValue!)
    const adjusted = holmAdjust(raw)
    expect(stats.arms[1].adjustedPValue).toBeCloseTo(adjusted[0]!, 12)
    expect(stats.arms[2].adjustedPValue).toBeCloseTo(adjusted[1]!, 12)
    expect(stats.arms[1].adjustedPValue!).toBeCloseTo(2 * stats.arms[1].pValue!, 12)
    expect(stats.arms[2].adjustedPValue!).toBeGreaterThanOrEqual(stats.arms[2].pValue!)
  })

  it('clamps impossible counts instead of producing nonsense', () => {
    const stats = calculateExperimentStats([arm('a', -5, 3), arm('b', 10, 20)], [50, 50])
    expect(stats.arms[0]).toMatchObject({ visitors: 0, conversions: 0 })
    expect(stats.arms[1]).toMatchObject({ visitors: 10, conversions: 10 })
  })

  it('estimates the visitors still needed', () => {
    const stats = calculateExperimentStats([arm('a', 1000, 50), arm('b', 1000, 55)], [50, 50])
    expect(stats.sampleSize.perArm).toBe(31234)
    expect(stats.sampleSize.remaining).toBe(2 * (31234 - 1000))
  })

  it('in sequential mode is more conservative than the fixed-horizon test', () => {
    const fixed = calculateExperimentStats(
      [arm('a', 100000, 4000), arm('b', 100000, 4200)],
      [50, 50],
    )
    const peeking = calculateExperimentStats(
      [arm('a', 100000, 4000), arm('b', 100000, 4200)],
      [50, 50],
      {
        sequential: true,
      },
    )
    expect(peeking.arms[1].pValue!).toBeGreaterThan(fixed.arms[1].pValue!)
    const [low, high] = peeking.arms[1].relativeLiftInterval!
    const [fixedLow, fixedHigh] = fixed.arms[1].relativeLiftInterval!
    expect(high - low).toBeGreaterThan(fixedHigh - fixedLow)
    expect(peeking.test).toMatch(/mSPRT/)
  })
})

describe('sequentialTest', () => {
  it('keeps its false-positive rate under α when peeking after every 200 visitors (A/A simulation)', () => {
    // Deterministic LCG so the simulation is the same on every run.
    let seed = 12345
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    let falsePositives = 0
    const runs = 200
    for (let run = 0; run < runs; run++) {
      const c = { n: 0, x: 0 }
      const v = { n: 0, x: 0 }
      let rejected = false
      for (let step = 0; step < 25 && !rejected; step++) {
        for (let i = 0; i < 100; i++) {
          c.n++
          v.n++
          if (random() < 0.1) c.x++
          if (random() < 0.1) v.x++
        }
        const result = sequentialTest(c, v, 0.05, 0.01)
        if (result?.pValue !== null && result!.pValue! < 0.05) rejected = true
      }
      if (rejected) falsePositives++
    }
    expect(falsePositives / runs).toBeLessThanOrEqual(0.05)
  })
})

describe('peeking-safe results over daily looks', () => {
  const arms = (c: [number, number], v: [number, number]) => [
    { id: 'c', name: 'c', visitors: c[1], conversions: c[0] },
    { id: 'v', name: 'v', visitors: v[1], conversions: v[0] },
  ]
  const look = (c: [number, number], v: [number, number]) => [
    { visitors: c[1], conversions: c[0] },
    { visitors: v[1], conversions: v[0] },
  ]

  it('keep a call once made: the p-value is the running minimum over the looks', () => {
    // Day 3 looked decisive; by today the difference has narrowed.
    const looks = [look([50, 2000], [80, 2000]), look([100, 4000], [190, 4000])]
    const today = calculateExperimentStats(arms([260, 8000], [330, 8000]), [50, 50], {
      sequential: true,
      looks,
    }).arms[1]
    const alone = calculateExperimentStats(arms([260, 8000], [330, 8000]), [50, 50], {
      sequential: true,
    }).arms[1]
    const atDayThree = sequentialTest(
      { n: 4000, x: 100 },
      { n: 4000, x: 190 },
      0.05,
      mixtureTau(0.05, 0.1, 0.05),
    )!.pValue!
    expect(today.pValue).toBeCloseTo(Math.min(atDayThree, alone.pValue!), 12)
    expect(today.pValue!).toBeLessThanOrEqual(alone.pValue!)
    expect(today.verdict).toBe('winner')
  })

  it('narrow the interval to the intersection of every look’s confidence sequence', () => {
    const looks = [look([100, 4000], [150, 4000]), look([200, 8000], [290, 8000])]
    const withLooks = calculateExperimentStats(arms([300, 12000], [420, 12000]), [50, 50], {
      sequential: true,
      looks,
    }).arms[1].relativeLiftInterval!
    const alone = calculateExperimentStats(arms([300, 12000], [420, 12000]), [50, 50], {
      sequential: true,
    }).arms[1].relativeLiftInterval!
    expect(withLooks[0]).toBeGreaterThanOrEqual(alone[0] - 1e-12)
    expect(withLooks[1]).toBeLessThanOrEqual(alone[1] + 1e-12)
    expect(withLooks[1] - withLooks[0]).toBeGreaterThan(0)
  })
})
