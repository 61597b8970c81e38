import { describe, expect, it } from 'vitest'

import { liftOverTime } from '@/lib/stats/liftOverTime'

// Reference values from Python (math + statistics.NormalDist): the log-ratio interval of
// 70/1000 against 50/1000, at 95% and at 97.5% (two challengers, Bonferroni).
describe('lift over time', () => {
  const looks = [
    [
      { visitors: 100, conversions: 0 },
      { visitors: 100, conversions: 3 },
      { visitors: 0, conversions: 0 },
    ],
    [
      { visitors: 1000, conversions: 50 },
      { visitors: 1000, conversions: 70 },
      { visitors: 1000, conversions: 70 },
    ],
  ]

  it('gives each challenger its cumulative lift and interval band per day', () => {
    const [first, second] = liftOverTime(
      looks.map((l) => l.slice(0, 2)),
      ['d1', 'd2'],
      ['c', 'v'],
    )
    // No control conversions yet: no lift to draw.
    expect(first).toEqual({ day: 'd1', v: null, 'v:band': null })
    expect(second.v).toBeCloseTo(0.4, 12)
    const [low, high] = second['v:band'] as [number, number]
    expect(low).toBeCloseTo(-0.0155759406603146, 9)
    expect(high).toBeCloseTo(0.991011882942697, 9)
  })

  it('widens the band by Bonferroni across challengers, and at a goal’s own α', () => {
    const [, second] = liftOverTime(looks, ['d1', 'd2'], ['c', 'v', 'w'])
    const [low, high] = second['w:band'] as [number, number]
    expect(low).toBeCloseTo(-0.06412005006076614, 9)
    expect(high).toBeCloseTo(1.0942857041944984, 9)
    const [, halved] = liftOverTime(
      looks.map((l) => l.slice(0, 2)),
      ['d1', 'd2'],
      ['c', 'v'],
      0.025,
    )
    expect(halved['v:band']).toEqual(second['v:band'])
  })
})
