import { describe, expect, it } from 'vitest'

import { calculateExperimentStats } from '@/lib/stats/experimentStats'
import reference from './stats.cases.json'

// Values from tests/reference/stats_cases.py (SciPy / statsmodels / numerical integration),
// never printed by the product. Exact to 1e-6 (relative above 1).
type Expected = {
  conversionRate: number | null
  pValue?: number | null
  adjustedPValue?: number | null
  interval?: [number, number] | null
  chance?: number | null
  verdict: string
}
type Case = {
  name: string
  arms: [number, number][]
  weights: number[]
  options: { sequential: boolean; alpha: number; minimumDetectableEffect: number }
  expected: { arms: Expected[]; perArm: number | null; intervalLevel: number }
}

function close(actual: number | null | undefined, expected: number | null | undefined) {
  if (expected === null || expected === undefined) {
    expect(actual ?? null).toBeNull()
    return
  }
  expect(actual).not.toBeNull()
  const tolerance = Math.abs(expected) > 1 ? 1e-6 * Math.abs(expected) : 1e-6
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(tolerance)
}

const cases = reference.cases as unknown as Case[]

describe(`statistics against the reference (${cases.length} cases)`, () => {
  it('has at least 40 cases covering both modes', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40)
    expect(cases.some((c) => c.options.sequential)).toBe(true)
  })

  describe.each(cases)('$name', (c) => {
    const stats = calculateExperimentStats(
      c.arms.map(([conversions, visitors], index) => ({
        id: `arm${index}`,
        name: `Arm ${index}`,
        visitors,
        conversions,
      })),
      c.weights,
      {
        ...c.options,
        minVisitorsPerArm: reference.minimums.visitorsPerArm,
        minConversions: reference.minimums.conversions,
      },
    )

    it('conversion rates (null without visitors) and verdicts', () => {
      stats.arms.forEach((arm, index) => {
        close(arm.conversionRate, c.expected.arms[index].conversionRate)
        expect(arm.verdict).toBe(c.expected.arms[index].verdict)
      })
    })

    it('p-values, Holm-adjusted p-values and chance to beat control', () => {
      stats.arms.slice(1).forEach((arm, i) => {
        const expected = c.expected.arms[i + 1]
        close(arm.pValue, expected.pValue)
        close(arm.adjustedPValue, expected.adjustedPValue)
        close(arm.chanceToBeatControl, expected.chance)
      })
    })

    it('relative-lift intervals at the reported level, never below −100%', () => {
      close(stats.intervalLevel, c.expected.intervalLevel)
      stats.arms.slice(1).forEach((arm, i) => {
        const expected = c.expected.arms[i + 1].interval ?? null
        if (expected === null) {
          expect(arm.relativeLiftInterval).toBeNull()
          expect(arm.intervalNote).toBeTruthy()
          return
        }
        expect(arm.relativeLiftInterval).not.toBeNull()
        close(arm.relativeLiftInterval![0], expected[0])
        close(arm.relativeLiftInterval![1], expected[1])
        expect(arm.relativeLiftInterval![0]).toBeGreaterThanOrEqual(-1)
        expect(arm.relativeLiftInterval![1]).toBeGreaterThan(arm.relativeLiftInterval![0])
        // One verdict: in fixed mode with two arms, significance and the interval agree.
        if (!c.options.sequential && c.arms.length === 2 && arm.pValue !== null) {
          const excludesZero = expected[0] > 0 || expected[1] < 0
          expect(arm.pValue < c.options.alpha).toBe(excludesZero)
        }
      })
    })

    it('sample size per arm (null with a reason when impossible)', () => {
      close(stats.sampleSize.perArm, c.expected.perArm)
      if (c.expected.perArm === null) expect(stats.sampleSize.reason).toBeTruthy()
    })
  })
})
