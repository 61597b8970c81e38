import { describe, expect, it } from 'vitest'

import { combinePeriods, sampleRatioMismatchByPeriod } from '@/lib/stats/allocationPeriods'
import { calculateExperimentStats, sampleRatioMismatch } from '@/lib/stats/experimentStats'
import reference from './periods.cases.json'

// Values from tests/reference/periods_cases.py (SciPy), never printed by the product.
type Case = {
  name: string
  periods: { weights: number[]; arms: [number, number][] }[]
  expected: {
    srmPValue: number | null
    arms: { rate: number; variance: number }[]
    comparablePeriods: number
    fixedPValues: (number | null)[]
  }
}
const cases = reference.cases as unknown as Case[]

const periodsOf = (c: Case) =>
  c.periods.map((period) => ({
    weights: period.weights,
    arms: period.arms.map(([conversions, visitors]) => ({ visitors, conversions })),
  }))

function close(actual: number | null | undefined, expected: number | null, relative = 1e-9) {
  if (expected === null) return expect(actual ?? null).toBeNull()
  expect(actual).not.toBeNull()
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(
    Math.max(1e-12, relative * Math.abs(expected)),
  )
}

describe.each(cases.map((c) => [c.name, c] as const))('allocation periods: %s', (_, c) => {
  it('tests each period against its own split (χ² summed over periods)', () => {
    const srm = sampleRatioMismatchByPeriod(periodsOf(c))
    close(srm.pValue, c.expected.srmPValue, 1e-6)
    expect(srm.flagged).toBe((c.expected.srmPValue ?? 1) < 0.001)
  })

  it('weights each period by its share of visitors, the same for every arm', () => {
    const combined = combinePeriods(periodsOf(c))
    expect(combined.comparablePeriods).toHaveLength(c.expected.comparablePeriods)
    expect(combined.weighted).toBe(true)
    combined.estimates!.forEach((estimate, arm) => {
      close(estimate.rate, c.expected.arms[arm].rate)
      close(estimate.variance, c.expected.arms[arm].variance)
    })
  })

  it('the fixed-horizon p-value on the weighted rates matches', () => {
    const combined = combinePeriods(periodsOf(c))
    const stats = calculateExperimentStats(
      combined.arms.map((arm, i) => ({ id: String(i), name: `Arm ${i}`, ...arm })),
      c.periods.at(-1)!.weights,
      { sequential: false },
    )
    stats.arms.forEach((arm, i) => close(arm.pValue, c.expected.fixedPValues[i], 1e-6))
  })
})

describe('allocation periods: what the per-period treatment fixes', () => {
  const byName = (start: string) => periodsOf(cases.find((c) => c.name.startsWith(start))!)

  it('a split change alone is no mismatch (it was one when compared with the new split)', () => {
    const periods = byName('50/50 then 80/20')
    const totals = [0, 1].map((arm) => periods.reduce((n, p) => n + p.arms[arm].visitors, 0))
    expect(sampleRatioMismatch(totals, [80, 20]).flagged).toBe(true)
    expect(sampleRatioMismatchByPeriod(periods).flagged).toBe(false)
  })

  it('a real mismatch names the arm and the period it is in', () => {
    const srm = sampleRatioMismatchByPeriod(byName('a real mismatch'))
    expect(srm.flagged).toBe(true)
    expect(srm.arms[0]).toMatchObject({ index: 1, period: 1, expectedShare: 0.2 })
    expect(srm.arms[0].observedShare).toBeCloseTo(0.3, 2)
  })

  it("no Simpson's paradox: equal arms in every period are not called a loser", () => {
    const periods = byName('Simpson')
    const pooled = [0, 1].map((arm) => ({
      id: String(arm),
      name: String(arm),
      visitors: periods.reduce((n, p) => n + p.arms[arm].visitors, 0),
      conversions: periods.reduce((n, p) => n + p.arms[arm].conversions, 0),
    }))
    expect(calculateExperimentStats(pooled, [10, 90]).arms[1].verdict).toBe('loser')
    const combined = combinePeriods(periods)
    const stats = calculateExperimentStats(
      combined.arms.map((arm, i) => ({ id: String(i), name: String(i), ...arm })),
      [10, 90],
    )
    expect(stats.arms[1].verdict).toBe('inconclusive')
    expect(stats.arms[1].relativeLift).toBeCloseTo(0, 6)
  })

  it('one period, or one comparable period, is counted as it is', () => {
    const one = [
      {
        weights: [50, 50],
        arms: [
          { visitors: 900, conversions: 45 },
          { visitors: 910, conversions: 50 },
        ],
      },
    ]
    expect(combinePeriods(one)).toMatchObject({ arms: one[0].arms, weighted: false })
    const second = {
      weights: [50, 50],
      arms: [
        { visitors: 300, conversions: 20 },
        { visitors: 310, conversions: 25 },
      ],
    }
    const onlyControl = {
      weights: [100, 0],
      arms: [
        { visitors: 500, conversions: 30 },
        { visitors: 0, conversions: 0 },
      ],
    }
    expect(combinePeriods([onlyControl, second])).toMatchObject({
      arms: second.arms,
      comparablePeriods: [1],
      weighted: false,
    })
    // Visitors in an arm that had no share in their period: as mismatched as it gets.
    const misrouted = {
      ...onlyControl,
      arms: [onlyControl.arms[0], { visitors: 5, conversions: 0 }],
    }
    expect(sampleRatioMismatchByPeriod([misrouted, second])).toMatchObject({
      pValue: 0,
      flagged: true,
    })
  })
})
