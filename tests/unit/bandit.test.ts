import { describe, expect, it } from 'vitest'

import { banditWeights, percentagesWithFloor, probabilityBest } from '@/lib/stats/bandit'
import { chanceToBeat } from '@/lib/stats/experimentStats'
import reference from './bandit.cases.json'

// Values from tests/reference/bandit_cases.py (SciPy quadrature), never printed by the product.
const cases = reference.cases as { name: string; arms: [number, number][]; expected: number[] }[]
const counts = (arms: [number, number][]) =>
  arms.map(([conversions, visitors]) => ({ visitors, conversions }))

describe('probability each arm is best (what Thompson sampling allocates by)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s: matches the reference to 1e-6', (_, c) => {
    const found = probabilityBest(counts(c.arms))
    found.forEach((p, i) => expect(Math.abs(p - c.expected[i])).toBeLessThanOrEqual(1e-6))
  })

  it('two arms: the exact chance to beat control', () => {
    const arms = counts([
      [40, 1000],
      [55, 1000],
    ])
    const second = chanceToBeat({ n: 1000, x: 40 }, { n: 1000, x: 55 })
    expect(probabilityBest(arms)).toEqual([1 - second, second])
  })
})

describe('percentages with a floor', () => {
  it.each([
    [[0.5, 0.5], 5, [50, 50]],
    [[1, 0], 5, [95, 5]],
    [[0.984304, 0.002908, 0.012788], 5, [89, 5, 6]],
    [[1, 1, 1], 0, [34, 33, 33]],
    [[0.2, 0.2, 0.2, 0.2, 0.2, 0, 0], 20, [15, 15, 14, 14, 14, 14, 14]],
  ])('%j with a %i%% floor', (shares, floor, expected) => {
    const found = percentagesWithFloor(shares, floor)
    expect(found).toEqual(expected)
    expect(found.reduce((s, w) => s + w, 0)).toBe(100)
  })
})

describe('the optimiser’s next split', () => {
  it('keeps an even split during the burn-in', () => {
    const decision = banditWeights(
      counts([
        [5, 150],
        [40, 400],
      ]),
      { burnInVisitors: 200 },
    )
    expect(decision).toMatchObject({ reason: 'burn-in', weights: [50, 50], probabilities: null })
  })

  it('moves traffic toward a clearly better arm, never below the floor', () => {
    const decision = banditWeights(
      counts([
        [50, 1000],
        [80, 1000],
        [55, 1000],
      ]),
      { floorPercent: 5, burnInVisitors: 200 },
    )
    expect(decision.reason).toBe('thompson')
    expect(decision.weights).toEqual([5, 89, 6])
  })

  it('splits evenly between arms it cannot tell apart', () => {
    const decision = banditWeights(
      counts([
        [0, 300],
        [0, 300],
        [0, 300],
      ]),
    )
    expect(decision.weights).toEqual([34, 33, 33])
  })
})
