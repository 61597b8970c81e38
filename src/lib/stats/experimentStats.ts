import betaln from '@stdlib/math-base-special-betaln'
import chisquareCdf from '@stdlib/stats-base-dists-chisquare-cdf'
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

export type ArmInput = {
  id: string
  name: string
  /** Exposed visitors (distinct visitors with an impression). */
  visitors: number
  /** Converting visitors among them. */
  conversions: number
  /** Raw event counts, shown beside the visitor-level numbers. */
  impressions?: number
  conversionEvents?: number
  clicks?: number
}

export type StatsOptions = {
  alpha?: number
  /** Relative lift the experiment should be able to detect (0.1 = +10 %). */
  minimumDetectableEffect?: number
  power?: number
  /** Peeking-safe mode: always-valid p-values and confidence sequences (mSPRT). */
  sequential?: boolean
}

export type Verdict = 'control' | 'winner' | 'loser' | 'inconclusive' | 'no-data'

export type ArmStats = ArmInput & {
  conversionRate: number
  absoluteLift: number | null
  relativeLift: number | null
  relativeLiftInterval: [number, number] | null
  pValue: number | null
  adjustedPValue: number | null
  chanceToBeatControl: number | null
  significant: boolean
  verdict: Verdict
}

export type ExperimentStats = {
  arms: ArmStats[]
  totalVisitors: number
  srm: { pValue: number | null; flagged: boolean; expectedShares: number[] }
  /** Visitors per arm needed to detect the minimum effect at the chosen power (null: no baseline yet). */
  sampleSize: { perArm: number | null; remaining: number | null; minimumDetectableEffect: number }
  test: string
  sequential: boolean
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null)
const rate = (conversions: number, visitors: number) => (visitors > 0 ? conversions / visitors : 0)
const clean = (n: number) => (Number.isFinite(n) && n > 0 ? Math.floor(n) : 0)

/** Two-sided p-value of the unpooled (Welch-style) z-test for a difference of proportions. */
export function unpooledZTest(
  c: { n: number; x: number },
  v: { n: number; x: number },
): number | null {
  if (c.n === 0 || v.n === 0) return null
  const pc = c.x / c.n
  const pv = v.x / v.n
  const se = Math.sqrt((pc * (1 - pc)) / c.n + (pv * (1 - pv)) / v.n)
  if (se === 0) return null
  return finite(2 * (1 - normalCdf(Math.abs(pv - pc) / se, 0, 1)))
}

/** Delta-method confidence interval for the relative lift (pv − pc) / pc. */
export function relativeLiftInterval(
  c: { n: number; x: number },
  v: { n: number; x: number },
  alpha: number,
): [number, number] | null {
  if (c.n === 0 || v.n === 0 || c.x === 0) return null
  const pc = c.x / c.n
  const pv = v.x / v.n
  const variance = (pv * (1 - pv)) / v.n / pc ** 2 + (pv ** 2 * (pc * (1 - pc))) / c.n / pc ** 4
  const lift = pv / pc - 1
  const half = normalQuantile(1 - alpha / 2, 0, 1) * Math.sqrt(variance)
  const low = finite(lift - half)
  const high = finite(lift + half)
  return low === null || high === null ? null : [low, high]
}

/**
 * P(rate_variant > rate_control) with independent Beta(1 + x, 1 + n − x) posteriors. Exact
 * (Evan Miller's closed form, a sum over the variant's conversions) up to 100 000 terms; beyond,
 * a normal approximation of the two posteriors, which is accurate at such counts.
 */
export function chanceToBeat(c: { n: number; x: number }, v: { n: number; x: number }): number {
  const aC = 1 + c.x
  const bC = 1 + c.n - c.x
  const aV = 1 + v.x
  const bV = 1 + v.n - v.x
  if (aV <= 100_000) {
    let total = 0
    const base = betaln(aC, bC)
    for (let i = 0; i < aV; i++) {
      total += Math.exp(betaln(aC + i, bC + bV) - Math.log(bV + i) - betaln(1 + i, bV) - base)
    }
    return Math.min(1, Math.max(0, total))
  }
  const mean = (a: number, b: number) => a / (a + b)
  const variance = (a: number, b: number) => (a * b) / ((a + b) ** 2 * (a + b + 1))
  const diff = mean(aV, bV) - mean(aC, bC)
  const sd = Math.sqrt(variance(aV, bV) + variance(aC, bC))
  return normalCdf(diff / sd, 0, 1)
}

/** Holm's step-down adjustment of p-values (nulls stay null). */
export function holmAdjust(pValues: (number | null)[]): (number | null)[] {
  const indexed = pValues
    .map((p, index) => ({ p, index }))
    .filter((entry): entry is { p: number; index: number } => entry.p !== null)
    .sort((a, b) => a.p - b.p)
  const m = indexed.length
  const adjusted: (number | null)[] = pValues.map(() => null)
  let running = 0
  indexed.forEach(({ p, index }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p))
    adjusted[index] = running
  })
  return adjusted
}

/** χ² goodness of fit of observed visitors against the configured traffic weights. */
export function sampleRatioMismatch(visitors: number[], weights: number[]) {
  const total = visitors.reduce((sum, n) => sum + n, 0)
  const weightSum = weights.reduce((sum, w) => sum + Math.max(0, w || 0), 0)
  const expectedShares = weights.map((w) => (weightSum > 0 ? Math.max(0, w || 0) / weightSum : 0))
  if (total === 0 || weightSum === 0 || visitors.length < 2) {
    return { pValue: null, flagged: false, expectedShares }
  }
  let statistic = 0
  for (let i = 0; i < visitors.length; i++) {
    const expected = total * expectedShares[i]
    if (expected === 0) {
      // Visitors in an arm configured for none: as mismatched as it gets.
      if (visitors[i] > 0) return { pValue: 0, flagged: true, expectedShares }
      continue
    }
    statistic += (visitors[i] - expected) ** 2 / expected
  }
  const degrees = expectedShares.filter((share) => share > 0).length - 1
  const pValue = degrees > 0 ? finite(1 - chisquareCdf(statistic, degrees)) : null
  return { pValue, flagged: pValue !== null && pValue < 0.001, expectedShares }
}

/** Visitors per arm for a two-sided test of p vs p·(1 + mde) at the given power. */
export function visitorsPerArm(baseline: number, mde: number, alpha: number, power: number) {
  if (!(baseline > 0 && baseline < 1) || !(mde > 0)) return null
  const p2 = Math.min(0.999999, baseline * (1 + mde))
  const pBar = (baseline + p2) / 2
  const zA = normalQuantile(1 - alpha / 2, 0, 1)
  const zB = normalQuantile(power, 0, 1)
  const n =
    (zA * Math.sqrt(2 * pBar * (1 - pBar)) +
      zB * Math.sqrt(baseline * (1 - baseline) + p2 * (1 - p2))) **
      2 /
    (p2 - baseline) ** 2
  return finite(Math.ceil(n))
}

/**
 * mSPRT with a normal mixture (Johari et al., "Always valid inference", 2017) on the difference
 * of rates: an always-valid p-value and a confidence sequence that stay valid however often
 * the results are looked at. τ² is set from the minimum detectable effect.
 */
export function sequentialTest(
  c: { n: number; x: number },
  v: { n: number; x: number },
  alpha: number,
  tau: number,
) {
  if (c.n === 0 || v.n === 0 || c.x === 0) return null
  const pc = c.x / c.n
  const pv = v.x / v.n
  const variance = (pc * (1 - pc)) / c.n + (pv * (1 - pv)) / v.n
  if (variance === 0) return null
  const tau2 = tau ** 2
  const diff = pv - pc
  const logLambda =
    0.5 * Math.log(variance / (variance + tau2)) +
    (tau2 * diff ** 2) / (2 * variance * (variance + tau2))
  const pValue = Math.min(1, Math.exp(-logLambda))
  const radius = Math.sqrt(
    ((variance * (variance + tau2)) / tau2) *
      (2 * Math.log(1 / alpha) + Math.log((variance + tau2) / variance)),
  )
  const interval: [number, number] = [(diff - radius) / pc, (diff + radius) / pc]
  return { pValue: finite(pValue), interval: interval.every(Number.isFinite) ? interval : null }
}

/**
 * Visitor-level results of an experiment: per arm the conversion rate, lift against the control
 * (the first arm) with its interval, p-value, chance to beat control and a verdict; for the
 * experiment a sample-ratio check and the sample size still needed. Pure; never returns NaN
 * or Infinity (undefined quantities are null).
 */
export function calculateExperimentStats(
  armsInput: ArmInput[],
  weights: number[],
  options: StatsOptions = {},
): ExperimentStats {
  const alpha = options.alpha ?? 0.05
  const mde = options.minimumDetectableEffect ?? 0.1
  const power = options.power ?? 0.8
  const sequential = Boolean(options.sequential)
  const arms = armsInput.map((arm) => {
    const visitors = clean(arm.visitors)
    return { ...arm, visitors, conversions: Math.min(clean(arm.conversions), visitors) }
  })
  const control = arms[0]
  const c = control ? { n: control.visitors, x: control.conversions } : { n: 0, x: 0 }
  const controlRate = rate(c.x, c.n)
  const tau = Math.max(mde * controlRate, 1e-4)

  const partial = arms.map((arm, index) => {
    const v = { n: arm.visitors, x: arm.conversions }
    const conversionRate = rate(v.x, v.n)
    if (index === 0) {
      return {
        arm,
        conversionRate,
        absoluteLift: null,
        relativeLift: null,
        interval: null,
        pValue: null,
        chance: null,
      }
    }
    const seq = sequential ? sequentialTest(c, v, alpha, tau) : null
    return {
      arm,
      conversionRate,
      absoluteLift: c.n > 0 && v.n > 0 ? conversionRate - controlRate : null,
      relativeLift:
        c.n > 0 && v.n > 0 && controlRate > 0 ? finite(conversionRate / controlRate - 1) : null,
      interval: sequential ? (seq?.interval ?? null) : relativeLiftInterval(c, v, alpha),
      pValue: sequential ? (seq?.pValue ?? null) : unpooledZTest(c, v),
      chance: c.n > 0 && v.n > 0 ? chanceToBeat(c, v) : null,
    }
  })
  const adjusted =
    arms.length > 2 ? holmAdjust(partial.map((p) => p.pValue)) : partial.map((p) => p.pValue)

  const armStats: ArmStats[] = partial.map((p, index) => {
    const decisive = adjusted[index]
    const significant = index > 0 && decisive !== null && decisive < alpha
    let verdict: Verdict = 'control'
    if (index > 0) {
      if (p.arm.visitors === 0 || c.n === 0) verdict = 'no-data'
      else if (!significant) verdict = 'inconclusive'
      else verdict = (p.absoluteLift ?? 0) > 0 ? 'winner' : 'loser'
    }
    return {
      ...p.arm,
      conversionRate: p.conversionRate,
      absoluteLift: p.absoluteLift,
      relativeLift: p.relativeLift,
      relativeLiftInterval: p.interval,
      pValue: p.pValue,
      adjustedPValue: index > 0 ? decisive : null,
      chanceToBeatControl: p.chance,
      significant,
      verdict,
    }
  })

  const perArm = visitorsPerArm(controlRate, mde, alpha, power)
  const remaining =
    perArm === null ? null : arms.reduce((sum, arm) => sum + Math.max(0, perArm - arm.visitors), 0)
  return {
    arms: armStats,
    totalVisitors: arms.reduce((sum, arm) => sum + arm.visitors, 0),
    srm: sampleRatioMismatch(
      arms.map((arm) => arm.visitors),
      weights,
    ),
    sampleSize: { perArm, remaining, minimumDetectableEffect: mde },
    test: sequential
      ? 'mSPRT (always-valid p-value, normal mixture) on the difference of conversion rates'
      : 'two-sided unpooled z-test on the difference of conversion rates',
    sequential,
  }
}
