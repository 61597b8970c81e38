import betaCdf from '@stdlib/stats-base-dists-beta-cdf'
import betaln from '@stdlib/math-base-special-betaln'

import { chanceToBeat, GAUSS } from './experimentStats'

type Counts = { visitors: number; conversions: number }

/** Defaults of optimise mode (documented in the README; settable per experiment). */
export const BANDIT_DEFAULTS: { floorPercent: number; burnInVisitors: number } = {
  floorPercent: 5,
  burnInVisitors: 200,
}

const posterior = ({ visitors, conversions }: Counts) => {
  const n = Math.max(0, visitors || 0)
  const x = Math.min(Math.max(0, conversions || 0), n)
  return { a: 1 + x, b: 1 + n - x }
}

/**
 * The probability that each arm has the highest conversion rate, under independent
 * Beta(1 + converted, 1 + not converted) posteriors: what Thompson sampling allocates by, computed
 * rather than sampled so an update is reproducible. Two arms: the exact chance to beat. More:
 * P(i best) = ∫ f_i(t) Π_{j≠i} F_j(t) dt over arm i's own posterior (mean ± 12 sd, 12 panels
 * of 32 Gauss–Legendre points), normalised to sum to 1.
 */
export function probabilityBest(arms: Counts[]): number[] {
  if (arms.length === 0) return []
  if (arms.length === 1) return [1]
  if (arms.length === 2) {
    const second = chanceToBeat(
      { n: arms[0].visitors, x: arms[0].conversions },
      { n: arms[1].visitors, x: arms[1].conversions },
    )
    return [1 - second, second]
  }
  const posteriors = arms.map(posterior)
  const raw = posteriors.map(({ a, b }, i) => {
    const mean = a / (a + b)
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)))
    const low = Math.max(0, mean - 12 * sd)
    const high = Math.min(1, mean + 12 * sd)
    const logNorm = betaln(a, b)
    const panels = 12
    const width = (high - low) / panels
    let total = 0
    for (let panel = 0; panel < panels; panel++) {
      const mid = low + (panel + 0.5) * width
      for (let k = 0; k < GAUSS.nodes.length; k++) {
        const t = mid + (GAUSS.nodes[k] * width) / 2
        if (t <= 0 || t >= 1) continue
        let others = 1
        for (let j = 0; j < posteriors.length && others > 0; j++) {
          if (j !== i) others *= betaCdf(t, posteriors[j].a, posteriors[j].b)
        }
        const density = Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log1p(-t) - logNorm)
        total += (GAUSS.weights[k] * width * density * others) / 2
      }
    }
    return total
  })
  const sum = raw.reduce((s, p) => s + p, 0)
  return sum > 0 ? raw.map((p) => p / sum) : arms.map(() => 1 / arms.length)
}

/**
 * Whole percentages summing to 100 with at least `floor` each, the rest shared in proportion to
 * `shares` (largest remainder, ties to the earlier arm).
 */
export function percentagesWithFloor(shares: number[], floor: number): number[] {
  const k = shares.length
  if (k === 0) return []
  const reserved = Math.min(Math.floor(100 / k), Math.max(0, Math.floor(floor)))
  const free = 100 - reserved * k
  const total = shares.reduce((s, p) => s + Math.max(0, p), 0)
  const exact = shares.map((p) => (total > 0 ? (free * Math.max(0, p)) / total : free / k))
  const whole = exact.map(Math.floor)
  let left = free - whole.reduce((s, w) => s + w, 0)
  const order = exact
    .map((value, index) => ({ index, remainder: value - whole[index] }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index)
  for (const { index } of order) {
    if (left-- <= 0) break
    whole[index] += 1
  }
  return whole.map((w) => w + reserved)
}

export type BanditDecision = {
  weights: number[]
  probabilities: number[] | null
  reason: 'burn-in' | 'thompson'
}

/**
 * The split for the next period in optimise mode: an even split until every arm has
 * `burnInVisitors`, then Thompson sampling's allocation (each arm's probability of being best)
 * with at least `floorPercent` per arm, so no arm starves and every arm keeps being measured.
 */
export function banditWeights(
  arms: Counts[],
  {
    floorPercent = BANDIT_DEFAULTS.floorPercent,
    burnInVisitors = BANDIT_DEFAULTS.burnInVisitors,
  } = {},
): BanditDecision {
  if (arms.some((arm) => arm.visitors < burnInVisitors)) {
    return {
      weights: percentagesWithFloor(
        arms.map(() => 1),
        0,
      ),
      probabilities: null,
      reason: 'burn-in',
    }
  }
  const probabilities = probabilityBest(arms)
  return {
    weights: percentagesWithFloor(probabilities, floorPercent),
    probabilities,
    reason: 'thompson',
  }
}
