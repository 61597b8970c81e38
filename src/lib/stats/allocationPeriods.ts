import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf'

import { sampleRatioMismatch, trafficShares, type SrmArm } from './experimentStats'

/** One allocation period's counts per arm (control first) and the weights in force in it. */
export type PeriodCounts = {
  weights: number[]
  arms: { visitors: number; conversions: number }[]
}

export type CombinedArms = {
  /** Per arm: counts to test with (effective counts when periods were combined). */
  arms: { visitors: number; conversions: number }[]
  /** Periods that entered the comparison (every arm had a share and visitors in it). */
  comparablePeriods: number[]
  /** True when more than one period was weighted together. */
  weighted: boolean
  /** When weighted: each arm's post-stratified rate and its variance. */
  estimates: { rate: number; variance: number }[] | null
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/**
 * Results across allocation periods, post-stratified by period: within a period visitors were
 * randomised with fixed weights, so each period gives an unbiased rate per arm; the rates are
 * averaged with every arm given the same period weights (the period's share of all visitors in
 * comparable periods), never pooled by raw counts. Pooling would weight each arm's periods by its
 * own traffic in them, and a split change coinciding with a change in the visitors (a weekend,
 * a campaign) would then bias the comparison (Simpson's paradox).
 *
 * The tests downstream take counts, so each arm's weighted rate r and its variance
 * V = Σ w²·r_p(1−r_p)/n_p are turned into effective counts (n = r(1−r)/V, x = r·n, fractional),
 * which give any normal-approximation test exactly that rate and variance (the chance to beat
 * control then uses Beta posteriors with those counts: an approximation). With one comparable period this
 * is the period's own counts. Periods where an arm had no share or no visitors cannot compare
 * that arm and are left out (their visitors still count in the sample-ratio check).
 */
export function combinePeriods(periods: PeriodCounts[]): CombinedArms {
  const armCount = Math.max(0, ...periods.map((p) => p.arms.length))
  const raw = Array.from({ length: armCount }, (_, arm) => ({
    visitors: sum(periods.map((p) => p.arms[arm]?.visitors ?? 0)),
    conversions: sum(periods.map((p) => p.arms[arm]?.conversions ?? 0)),
  }))
  const comparable = periods.flatMap((period, index) =>
    period.arms.length === armCount &&
    period.arms.every((arm, i) => arm.visitors > 0 && (period.weights[i] ?? 0) > 0)
      ? [index]
      : [],
  )
  if (periods.length <= 1 || comparable.length === 0) {
    return { arms: raw, comparablePeriods: comparable, weighted: false, estimates: null }
  }
  if (comparable.length === 1) {
    const only = periods[comparable[0]].arms.map((arm) => ({ ...arm }))
    return { arms: only, comparablePeriods: comparable, weighted: false, estimates: null }
  }
  const sizes = comparable.map((index) => sum(periods[index].arms.map((arm) => arm.visitors)))
  const total = sum(sizes)
  const estimates = Array.from({ length: armCount }, (_, arm) => {
    let rate = 0
    let variance = 0
    let visitors = 0
    comparable.forEach((index, k) => {
      const { visitors: n, conversions: x } = periods[index].arms[arm]
      const w = sizes[k] / total
      const r = Math.min(x, n) / n
      rate += w * r
      variance += (w * w * r * (1 - r)) / n
      visitors += n
    })
    return { rate, variance, visitors }
  })
  const arms = estimates.map(({ rate, variance, visitors }) => {
    // Left fractional: rounding the conversions would move the rate the tests see.
    const effective = variance > 0 ? (rate * (1 - rate)) / variance : visitors
    return { visitors: effective, conversions: rate * effective }
  })
  return {
    arms,
    comparablePeriods: comparable,
    weighted: true,
    estimates: estimates.map(({ rate, variance }) => ({ rate, variance })),
  }
}

export type PeriodSrm = {
  pValue: number | null
  flagged: boolean
  /** The shares of the current (last) period. */
  expectedShares: number[]
  /** The arms that drive a mismatch, in the period where it is worst. */
  arms: SrmArm[]
}

/**
 * Sample-ratio check across allocation periods: each period's visitors are tested against the
 * weights in force in it (χ² goodness of fit), and the periods, being disjoint sets of visitors,
 * are combined by adding their χ² statistics and degrees of freedom. A split change therefore
 * raises no alarm by itself, and a real mismatch in any period still shows. Flagged at p < 0.001;
 * the arms named come from the period with the smallest p-value.
 */
export function sampleRatioMismatchByPeriod(periods: PeriodCounts[]): PeriodSrm {
  const expectedShares = trafficShares(periods.at(-1)?.weights ?? [])
  let statistic = 0
  let degrees = 0
  let impossible = false
  const perPeriod = periods.map((period, index) => {
    const visitors = period.arms.map((arm) => arm.visitors)
    const total = sum(visitors)
    const shares = trafficShares(period.weights)
    const positive = shares.filter((share) => share > 0).length
    if (total > 0 && positive >= 2) {
      visitors.forEach((n, i) => {
        const expected = total * shares[i]
        if (expected > 0) statistic += (n - expected) ** 2 / expected
        else if (n > 0) impossible = true
      })
      degrees += positive - 1
    } else if (total > 0 && visitors.some((n, i) => n > 0 && !(shares[i] > 0))) {
      impossible = true
    }
    return { index, check: sampleRatioMismatch(visitors, period.weights), visitors }
  })
  const pValue = impossible
    ? 0
    : degrees > 0
      ? Math.min(1, Math.max(0, 1 - chisquareCdf(statistic, degrees)))
      : null
  const flagged = pValue !== null && pValue < 0.001
  if (!flagged) return { pValue, flagged, expectedShares, arms: [] }
  const tested = perPeriod.filter((p) => p.check.pValue !== null)
  if (tested.length === 0) return { pValue, flagged, expectedShares, arms: [] }
  const worst = tested.reduce((a, b) =>
    (b.check.pValue as number) < (a.check.pValue as number) ? b : a,
  )
  let arms = worst.check.arms
  if (arms.length === 0) {
    // Flagged only in combination: name the arm furthest from its share in the worst period.
    const total = sum(worst.visitors)
    const shares = worst.check.expectedShares
    arms = [
      worst.visitors
        .map((n, index) => ({
          index,
          observedShare: n / total,
          expectedShare: shares[index],
          residual:
            shares[index] > 0 ? (n - total * shares[index]) / Math.sqrt(total * shares[index]) : 0,
        }))
        .reduce((a, b) => (Math.abs(b.residual) > Math.abs(a.residual) ? b : a)),
    ]
  }
  return {
    pValue,
    flagged,
    expectedShares,
    arms: arms.map((arm) => ({ ...arm, period: worst.index })),
  }
}
