import { describe, expect, it } from 'vitest'

import { meanLiftTest, meanOf } from '@/lib/stats/meanLift'

// Reference values from Python's statistics module on the explicit per-visitor values: the
// control's 1 000 visitors, 50 with a lead worth 40; the variant's, 60 worth 40 and 10 worth 100.
const control = { visitors: 1000, sum: 2000, sumSquares: 80_000 }
const variant = { visitors: 1000, sum: 3400, sumSquares: 196_000 }

describe('lead value per visitor (a mean metric from sums and sums of squares)', () => {
  it('gives the mean and the unbiased variance', () => {
    expect(meanOf(control)!.mean).toBe(2)
    expect(meanOf(control)!.variance).toBeCloseTo(76.07607607607608, 10)
    expect(meanOf(variant)!.variance).toBeCloseTo(184.62462462462463, 10)
    expect(meanOf({ visitors: 1, sum: 5, sumSquares: 25 })).toBeNull()
  })

  it.each([
    [0.05, 0.1782201033541872, 1.4528523930059194],
    [0.025, 0.11779731067228265, 1.585441897567147],
  ])('at α = %s: lift +70%%, interval %s to %s', (alpha, low, high) => {
    const test = meanLiftTest(control, variant, alpha)!
    expect(test.relativeLift).toBeCloseTo(0.7, 12)
    expect(test.interval[0]).toBeCloseTo(low, 9)
    expect(test.interval[1]).toBeCloseTo(high, 9)
    expect(test.pValue).toBeCloseTo(0.0045577810723010925, 9)
  })

  it('has no answer without a positive mean in both arms', () => {
    expect(meanLiftTest({ visitors: 100, sum: 0, sumSquares: 0 }, variant, 0.05)).toBeNull()
    expect(meanLiftTest(control, { visitors: 0, sum: 0, sumSquares: 0 }, 0.05)).toBeNull()
  })
})
