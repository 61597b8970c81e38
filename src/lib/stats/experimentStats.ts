import betaln from '@stdlib/math-base-special-betaln'
import betaCdf from '@stdlib/stats-base-dists-beta-cdf'
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
  /**
   * The planned conversion rate of the control (0–1; default 0.05). Peeking-safe mode is tuned
   * from it and the minimum detectable effect, never from the data it tests; the sample size
   * uses it until the control has conversions.
   */
  plannedBaseline?: number
  /**
   * Cumulative counts per arm at each look (one per day, from the rollups), oldest first. In
   * peeking-safe mode the p-value is the running minimum and the interval the running
   * intersection over these looks and the current counts, so a call never flickers away.
   */
  looks?: { visitors: number; conversions: number }[][]
  /** No verdict until every arm has this many visitors (default 100). */
  minVisitorsPerArm?: number
  /** …and the control and the variant together this many conversions (default 10). */
  minConversions?: number
}

export const DEFAULT_PLANNED_BASELINE = 0.05
/**
 * Visitors a peeking-safe test needs ÷ what the fixed-horizon test needs, for the same power at
 * the planned effect (mSPRT tuned as here, a look every 100 visitors per arm). Measured by the
 * seeded Monte Carlo in bench/stats.ts (`npm run bench -- --stats`), which prints it again.
 */
export const SEQUENTIAL_SAMPLE_SIZE_FACTOR: Record<string, number> = { '0.05:0.8': 1.924 }
export const DEFAULT_MIN_VISITORS_PER_ARM = 100
export const DEFAULT_MIN_CONVERSIONS = 10

export type Verdict =
  'control' | 'winner' | 'loser' | 'inconclusive' | 'no-data' | 'not-enough-data'

export type ArmStats = ArmInput & {
  /** Converted ÷ exposed visitors; null when nobody was exposed. */
  conversionRate: number | null
  absoluteLift: number | null
  relativeLift: number | null
  /** At the reported level (`intervalLevel`: Bonferroni-adjusted with 3+ arms). */
  relativeLiftInterval: [number, number] | null
  /** Why there is no interval, when there is none for a challenger. */
  intervalNote: string | null
  pValue: number | null
  adjustedPValue: number | null
  chanceToBeatControl: number | null
  significant: boolean
  verdict: Verdict
}

export type ExperimentStats = {
  arms: ArmStats[]
  totalVisitors: number
  srm: { pValue: number | null; flagged: boolean; expectedShares: number[]; arms: SrmArm[] }
  /** Visitors per arm needed to detect the minimum effect at the chosen power (null: see reason). */
  sampleSize: {
    /** Visitors the control needs (each arm gets its configured share of the total). */
    perArm: number | null
    /** Visitors needed across all arms, in the configured split. */
    total: number | null
    remaining: number | null
    minimumDetectableEffect: number
    reason: string | null
  }
  /** Confidence level of the intervals (1 − α, or 1 − α/(arms − 1) with 3+ arms). */
  intervalLevel: number
  /** The arm with the highest conversion rate (the winner picker's default); null without data. */
  leadingArmId: string | null
  /** The thresholds below which no verdict is given. */
  minimums: { visitorsPerArm: number; conversions: number }
  test: string
  sequential: boolean
}

const finite = (value: number): number | null => (Number.isFinite(value) ? value : null)
const rate = (conversions: number, visitors: number) => (visitors > 0 ? conversions / visitors : 0)
const zQuantile = (p: number) => normalQuantile(p, 0, 1)
// Counts are whole numbers, except the effective counts that stand for period-weighted rates
// (src/lib/stats/allocationPeriods): those stay fractional, since rounding them moves the rate.
const clean = (n: number) => (Number.isFinite(n) && n > 0 ? n : 0)

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

/**
 * Wald test of the log relative risk ln(pv / pc), se² = 1/xv − 1/nv + 1/xc − 1/nc: the p-value
 * and the interval of the relative lift (pv / pc − 1) come from one statistic, so "significant"
 * and "the interval excludes 0" always agree, and the interval never goes below −100%. Needs
 * conversions in both arms (null otherwise: the ratio is 0 or undefined).
 */
export function logRatioTest(
  c: { n: number; x: number },
  v: { n: number; x: number },
  alpha: number,
): { pValue: number; interval: [number, number] } | null {
  if (c.n === 0 || v.n === 0 || c.x === 0 || v.x === 0) return null
  const logRatio = Math.log(v.x / v.n / (c.x / c.n))
  const se = Math.sqrt(1 / v.x - 1 / v.n + 1 / c.x - 1 / c.n)
  if (!(se > 0)) return null
  const z = logRatio / se
  const half = zQuantile(1 - alpha / 2) * se
  const pValue = finite(2 * normalCdf(-Math.abs(z), 0, 1))
  const low = finite(Math.expm1(logRatio - half))
  const high = finite(Math.expm1(logRatio + half))
  return pValue === null || low === null || high === null ? null : { pValue, interval: [low, high] }
}

/** The relative-lift interval of the log-ratio test (kept as a name for callers and tests). */
export function relativeLiftInterval(
  c: { n: number; x: number },
  v: { n: number; x: number },
  alpha: number,
): [number, number] | null {
  return logRatioTest(c, v, alpha)?.interval ?? null
}

/** Exact P(X > Y) for X ~ Beta(aX, bX), Y ~ Beta(aY, bY), by Evan Miller's sum over aX terms. */
function betaSum(aX: number, bX: number, aY: number, bY: number): number {
  let total = 0
  const base = betaln(aY, bY)
  for (let i = 0; i < aX; i++) {
    total += Math.exp(betaln(aY + i, bX + bY) - Math.log(bX + i) - betaln(1 + i, bX) - base)
  }
  return total
}

// 32-point Gauss–Legendre nodes and weights on [−1, 1] (Newton on the Legendre polynomial);
// also used by the traffic optimiser (src/lib/stats/bandit.ts).
export const GAUSS = (() => {
  const n = 32
  const nodes: number[] = []
  const weights: number[] = []
  for (let i = 1; i <= n; i++) {
    let x = Math.cos((Math.PI * (i - 0.25)) / (n + 0.5))
    let derivative = 0
    for (let step = 0; step < 100; step++) {
      let p0 = 1
      let p1 = x
      for (let k = 2; k <= n; k++) {
        const p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k
        p0 = p1
        p1 = p2
      }
      derivative = (n * (x * p1 - p0)) / (x * x - 1)
      const dx = p1 / derivative
      x -= dx
      if (Math.abs(dx) < 1e-15) break
    }
    nodes.push(x)
    weights.push(2 / ((1 - x * x) * derivative * derivative))
  }
  return { nodes, weights }
})()

/**
 * P(X > Y) by quadrature: ∫ f_N(t) · P(other side | t) dt over the narrower posterior N (its
 * mean ± 14 sd, in 24 panels of 32 Gauss–Legendre points), where the wider one's CDF is smooth.
 */
function betaQuadrature(aX: number, bX: number, aY: number, bY: number): number {
  const sd = (a: number, b: number) => Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)))
  const xNarrower = sd(aX, bX) <= sd(aY, bY)
  const [a, b] = xNarrower ? [aX, bX] : [aY, bY]
  const mean = a / (a + b)
  const spread = 14 * sd(a, b)
  const low = Math.max(0, mean - spread)
  const high = Math.min(1, mean + spread)
  const logNorm = betaln(a, b)
  const panels = 24
  const width = (high - low) / panels
  let total = 0
  for (let panel = 0; panel < panels; panel++) {
    const mid = low + (panel + 0.5) * width
    for (let k = 0; k < GAUSS.nodes.length; k++) {
      const t = mid + (GAUSS.nodes[k] * width) / 2
      if (t <= 0 || t >= 1) continue
      const density = Math.exp((a - 1) * Math.log(t) + (b - 1) * Math.log1p(-t) - logNorm)
      // X narrower: P(Y < t); Y narrower: P(X > t).
      const other = xNarrower ? betaCdf(t, aY, bY) : 1 - betaCdf(t, aX, bX)
      total += (GAUSS.weights[k] * width * density * other) / 2
    }
  }
  return total
}

/** Above this many terms the exact sum gives way to quadrature (same accuracy, bounded cost). */
const EXACT_SUM_LIMIT = 5_000

/**
 * P(rate_variant > rate_control) with independent Beta(1 + x, 1 + n − x) posteriors (flat
 * priors), exact to 1e-6 at every size: Evan Miller's closed form summed over the arm with
 * fewer conversions (by symmetry), or, when both arms have many, quadrature over the narrower
 * posterior. A fixed-sample Bayesian figure (not adjusted for peeking or for several arms).
 */
export function chanceToBeat(c: { n: number; x: number }, v: { n: number; x: number }): number {
  const aC = 1 + c.x
  const bC = 1 + c.n - c.x
  const aV = 1 + v.x
  const bV = 1 + v.n - v.x
  let value: number
  // The closed form sums over whole conversions; effective (fractional) counts use quadrature.
  if (Number.isInteger(aC) && Number.isInteger(aV) && Math.min(aC, aV) <= EXACT_SUM_LIMIT) {
    value = aV <= aC ? betaSum(aV, bV, aC, bC) : 1 - betaSum(aC, bC, aV, bV)
  } else {
    value = betaQuadrature(aV, bV, aC, bC)
  }
  return Math.min(1, Math.max(0, value))
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

/** Traffic weights as shares of 1 (negative or missing weights count as 0). */
export function trafficShares(weights: number[]): number[] {
  const sum = weights.reduce((total, w) => total + Math.max(0, w || 0), 0)
  return weights.map((w) => (sum > 0 ? Math.max(0, w || 0) / sum : 0))
}

/** An arm whose visitor count departs from its configured share. */
export type SrmArm = {
  index: number
  observedShare: number
  expectedShare: number
  residual: number
  /** With several allocation periods: the period the mismatch was found in (0-based). */
  period?: number
}

/**
 * χ² goodness of fit of observed visitors against the configured traffic weights. When it flags
 * a mismatch (p < 0.001), `arms` names the arms that drive it: those whose standardised residual
 * (observed − expected) / √expected is beyond 3 in size, or else the largest one, with their
 * observed and expected shares.
 */
export function sampleRatioMismatch(visitors: number[], weights: number[]) {
  const total = visitors.reduce((sum, n) => sum + n, 0)
  const weightSum = weights.reduce((sum, w) => sum + Math.max(0, w || 0), 0)
  const expectedShares = trafficShares(weights)
  const none = { pValue: null, flagged: false, expectedShares, arms: [] as SrmArm[] }
  if (total === 0 || weightSum === 0 || visitors.length < 2) return none
  const residuals: SrmArm[] = visitors.map((n, index) => {
    const expected = total * expectedShares[index]
    return {
      index,
      observedShare: n / total,
      expectedShare: expectedShares[index],
      residual: expected > 0 ? (n - expected) / Math.sqrt(expected) : n > 0 ? Infinity : 0,
    }
  })
  const drivers = (flagged: boolean) => {
    if (!flagged) return []
    const beyond = residuals.filter((arm) => Math.abs(arm.residual) > 3)
    const named = beyond.length
      ? beyond
      : [residuals.reduce((a, b) => (Math.abs(b.residual) > Math.abs(a.residual) ? b : a))]
    return named.sort((a, b) => Math.abs(b.residual) - Math.abs(a.residual))
  }
  let statistic = 0
  for (let i = 0; i < visitors.length; i++) {
    const expected = total * expectedShares[i]
    if (expected === 0) {
      // Visitors in an arm configured for none: as mismatched as it gets.
      if (visitors[i] > 0) return { pValue: 0, flagged: true, expectedShares, arms: drivers(true) }
      continue
    }
    statistic += (visitors[i] - expected) ** 2 / expected
  }
  const degrees = expectedShares.filter((share) => share > 0).length - 1
  const pValue = degrees > 0 ? finite(1 - chisquareCdf(statistic, degrees)) : null
  const flagged = pValue !== null && pValue < 0.001
  return { pValue, flagged, expectedShares, arms: drivers(flagged) }
}

/** Why a sample size cannot be given for this baseline and minimum detectable effect, if so. */
export function sampleSizeProblem(baseline: number, mde: number): string | null {
  if (!(baseline > 0)) return 'waiting for the control’s first conversions'
  if (!(baseline < 1)) return 'the control converts every visitor: no lift is possible'
  if (!(mde > 0)) return 'set a minimum detectable effect above 0'
  if (baseline * (1 + mde) >= 1)
    return `a ${Math.round(mde * 100)}% lift on a ${(baseline * 100).toFixed(1)}% baseline would exceed 100%: choose a smaller effect`
  return null
}

/**
 * Control visitors for a two-sided test of p vs p·(1 + mde) at the given power, when the
 * variant gets `ratio` visitors per control visitor (null: impossible).
 */
export function visitorsPerArm(
  baseline: number,
  mde: number,
  alpha: number,
  power: number,
  ratio = 1,
) {
  if (sampleSizeProblem(baseline, mde) !== null || !(ratio > 0)) return null
  const p2 = baseline * (1 + mde)
  const pBar = (baseline + ratio * p2) / (1 + ratio)
  const zA = zQuantile(1 - alpha / 2)
  const zB = zQuantile(power)
  const n =
    (zA * Math.sqrt(pBar * (1 - pBar) * (1 + 1 / ratio)) +
      zB * Math.sqrt(baseline * (1 - baseline) + (p2 * (1 - p2)) / ratio)) **
      2 /
    (p2 - baseline) ** 2
  return finite(Math.ceil(n))
}

/**
 * Visitors needed to detect the planned effect on every challenger: at α / comparisons
 * (Bonferroni) with 3+ arms, each arm at its configured share; × the measured factor for the
 * peeking-safe test, so the progress bar means the same in both modes.
 */
export function plannedSampleSize(
  baseline: number,
  mde: number,
  alpha: number,
  power: number,
  shares: number[],
  sequential: boolean,
): { perArm: number; total: number } | null {
  if (shares.length < 2 || !(shares[0] > 0)) return null
  const comparisons = shares.length - 1
  let control = 0
  for (const share of shares.slice(1)) {
    if (!(share > 0)) continue
    const needed = visitorsPerArm(baseline, mde, alpha / comparisons, power, share / shares[0])
    if (needed === null) return null
    control = Math.max(control, needed)
  }
  if (control === 0) return null
  const factor = sequential
    ? (SEQUENTIAL_SAMPLE_SIZE_FACTOR[`${alpha}:${power}`] ??
      SEQUENTIAL_SAMPLE_SIZE_FACTOR['0.05:0.8'])
    : 1
  const perArm = Math.ceil(control * factor)
  return { perArm, total: Math.ceil(perArm / shares[0]) }
}

/**
 * The mixing scale of the peeking-safe test, from the plan alone: the mixture is tightest
 * (τ² ≈ 8 × the variance of the difference) at one twelfth of the visitors the fixed-horizon
 * test needs for the planned effect — where an effect about 3.5× the planned one is detected.
 * Measured by bench/stats.ts: as powerful as GrowthBook's default confidence sequences at 1k–30k
 * visitors per arm, at most α false positives under continuous peeking, and large effects
 * called as early; the planned effect then needs SEQUENTIAL_SAMPLE_SIZE_FACTOR × the visitors.
 */
export function mixtureTau(plannedBaseline: number, mde: number, alpha: number): number {
  const baseline = plannedBaseline > 0 && plannedBaseline < 1 ? plannedBaseline : 0.05
  const fixed = visitorsPerArm(baseline, mde, alpha, 0.8)
  if (fixed === null) return Math.max(mde * baseline, 1e-4)
  return Math.sqrt((8 * 2 * baseline * (1 - baseline)) / Math.max(1, fixed / 12))
}

/**
 * mSPRT (Johari et al., "Always valid inference", 2017) on the difference of rates with a
 * normal mixture of scale τ (mixtureTau): an always-valid p-value and a confidence sequence that
 * stay valid however often the results are looked at.
 */
export function sequentialTest(
  c: { n: number; x: number },
  v: { n: number; x: number },
  alpha: number,
  tau: number,
): {
  pValue: number | null
  interval: [number, number] | null
  difference: [number, number] | null
} | null {
  if (c.n === 0 || v.n === 0) return null
  const pc = c.x / c.n
  const pv = v.x / v.n
  const variance = (pc * (1 - pc)) / c.n + (pv * (1 - pv)) / v.n
  // Both arms at 0% (or both at 100%): no evidence of any difference yet.
  if (variance === 0) return { pValue: 1, interval: null, difference: null }
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
  // Relative to the control's rate (undefined while it is 0); a rate is never below 0, so the
  // lift is never below −100%.
  const interval: [number, number] | null =
    pc > 0 ? [Math.max(-1, (diff - radius) / pc), (diff + radius) / pc] : null
  const difference: [number, number] = [diff - radius, diff + radius]
  return {
    pValue: finite(pValue),
    interval: interval && interval.every(Number.isFinite) ? interval : null,
    difference: difference.every(Number.isFinite) ? difference : null,
  }
}

/**
 * The peeking-safe result over every look so far: the always-valid p-value is the running
 * minimum, the confidence sequence the running intersection (on the difference of rates; shown
 * relative to the current control rate). Both are as valid as at any single look.
 */
function runningSequential(
  c: { n: number; x: number },
  v: { n: number; x: number },
  arm: number,
  looks: { visitors: number; conversions: number }[][],
  intervalAlpha: number,
  tau: number,
): { pValue: number | null; interval: [number, number] | null } {
  let pValue: number | null = null
  let low = -Infinity
  let high = Infinity
  const points = [
    ...looks.map((look) => ({
      c: { n: clean(look[0]?.visitors), x: clean(look[0]?.conversions) },
      v: { n: clean(look[arm]?.visitors), x: clean(look[arm]?.conversions) },
    })),
    { c, v },
  ]
  for (const point of points) {
    const x = { n: point.c.n, x: Math.min(point.c.x, point.c.n) }
    const y = { n: point.v.n, x: Math.min(point.v.x, point.v.n) }
    // The p-value does not depend on the level; the confidence sequence is at intervalAlpha.
    const look = sequentialTest(x, y, intervalAlpha, tau)
    const p = look?.pValue ?? null
    if (p !== null) pValue = pValue === null ? p : Math.min(pValue, p)
    const difference = look?.difference
    if (difference) {
      low = Math.max(low, difference[0])
      high = Math.min(high, difference[1])
    }
  }
  const pc = c.n > 0 ? c.x / c.n : 0
  if (!(pc > 0) || !Number.isFinite(low) || !Number.isFinite(high)) {
    return { pValue, interval: null }
  }
  if (low > high) {
    // Disjoint (rare, e.g. the rates drifted): show the current look's sequence alone.
    const current = sequentialTest(c, v, intervalAlpha, tau)
    return { pValue, interval: current?.interval ?? null }
  }
  return { pValue, interval: [Math.max(-1, low / pc), high / pc] }
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
  const minVisitors = options.minVisitorsPerArm ?? DEFAULT_MIN_VISITORS_PER_ARM
  const minConversions = options.minConversions ?? DEFAULT_MIN_CONVERSIONS
  const arms = armsInput.map((arm) => {
    const visitors = clean(arm.visitors)
    return { ...arm, visitors, conversions: Math.min(clean(arm.conversions), visitors) }
  })
  // With 3+ arms the p-values are Holm-adjusted; intervals are shown at the Bonferroni level
  // (each comparison at α / comparisons), which Holm's decisions never contradict.
  const comparisons = Math.max(1, arms.length - 1)
  const intervalAlpha = alpha / comparisons
  const control = arms[0]
  const c = control ? { n: control.visitors, x: control.conversions } : { n: 0, x: 0 }
  const controlRate = rate(c.x, c.n)
  const planned = options.plannedBaseline ?? DEFAULT_PLANNED_BASELINE
  // Fixed by the plan, not by the data it tests (a data-tuned mixture can break validity).
  const tau = mixtureTau(planned, mde, alpha)

  const partial = arms.map((arm, index) => {
    const v = { n: arm.visitors, x: arm.conversions }
    const conversionRate = v.n > 0 ? v.x / v.n : null
    const base = { arm, conversionRate }
    if (index === 0) {
      return {
        ...base,
        absoluteLift: null,
        relativeLift: null,
        interval: null,
        intervalNote: null,
        pValue: null,
        chance: null,
      }
    }
    const both = c.n > 0 && v.n > 0
    let pValue: number | null = null
    let interval: [number, number] | null = null
    if (sequential) {
      const running = runningSequential(c, v, index, options.looks ?? [], intervalAlpha, tau)
      pValue = running.pValue
      interval = running.interval
    } else {
      const ratio = logRatioTest(c, v, intervalAlpha)
      // Without conversions in both arms the ratio test is undefined; the difference of rates
      // still is (both at 0%: nothing observed, p = 1).
      // (The test's p-value does not depend on the interval's level.)
      pValue = ratio
        ? ratio.pValue
        : both
          ? (unpooledZTest(c, v) ?? (c.x === 0 && v.x === 0 ? 1 : null))
          : null
      interval = ratio?.interval ?? null
    }
    const intervalNote =
      interval !== null
        ? null
        : !both
          ? 'No interval until both arms have visitors.'
          : c.x === 0
            ? 'No interval while the control has no conversions (the lift is relative to it).'
            : v.x === 0
              ? 'No interval while this variant has no conversions.'
              : 'No interval: every visitor of both arms converted.'
    return {
      ...base,
      absoluteLift: both ? (conversionRate as number) - controlRate : null,
      relativeLift:
        both && controlRate > 0 ? finite((conversionRate as number) / controlRate - 1) : null,
      interval,
      intervalNote,
      pValue,
      chance: both ? chanceToBeat(c, v) : null,
    }
  })
  const adjusted =
    arms.length > 2 ? holmAdjust(partial.map((p) => p.pValue)) : partial.map((p) => p.pValue)

  const armStats: ArmStats[] = partial.map((p, index) => {
    const decisive = adjusted[index]
    const enough =
      index > 0 &&
      c.n >= minVisitors &&
      p.arm.visitors >= minVisitors &&
      c.x + p.arm.conversions >= minConversions
    const significant = enough && decisive !== null && decisive < alpha
    let verdict: Verdict = 'control'
    if (index > 0) {
      if (p.arm.visitors === 0 || c.n === 0) verdict = 'no-data'
      else if (!enough) verdict = 'not-enough-data'
      else if (!significant) verdict = 'inconclusive'
      else verdict = (p.absoluteLift ?? 0) > 0 ? 'winner' : 'loser'
    }
    return {
      ...p.arm,
      conversionRate: p.conversionRate,
      absoluteLift: p.absoluteLift,
      relativeLift: p.relativeLift,
      relativeLiftInterval: p.interval,
      intervalNote: p.intervalNote,
      pValue: p.pValue,
      adjustedPValue: index > 0 ? decisive : null,
      chanceToBeatControl: p.chance,
      significant,
      verdict,
    }
  })

  // The observed control rate once it has conversions, the plan until then.
  const baseline = c.x > 0 ? controlRate : planned
  const reason = sampleSizeProblem(baseline, mde)
  const shares = trafficShares(weights)
  const needed =
    reason === null ? plannedSampleSize(baseline, mde, alpha, power, shares, sequential) : null
  const perArm = needed?.perArm ?? null
  const remaining =
    needed === null
      ? null
      : arms.reduce(
          (sum, arm, index) =>
            sum + Math.max(0, Math.ceil(Math.ceil(needed.total * shares[index]) - arm.visitors)),
          0,
        )
  const withData = armStats.filter((arm) => arm.conversionRate !== null)
  const leader = withData.reduce<ArmStats | null>(
    (best, arm) =>
      best === null || (arm.conversionRate as number) > (best.conversionRate as number)
        ? arm
        : best,
    null,
  )
  return {
    arms: armStats,
    totalVisitors: arms.reduce((sum, arm) => sum + arm.visitors, 0),
    srm: sampleRatioMismatch(
      arms.map((arm) => arm.visitors),
      weights,
    ),
    sampleSize: {
      perArm,
      total: needed?.total ?? null,
      remaining,
      minimumDetectableEffect: mde,
      reason: reason ?? (needed === null ? 'set a traffic split with a share for every arm' : null),
    },
    intervalLevel: 1 - intervalAlpha,
    leadingArmId: leader && leader.conversions > 0 ? leader.id : null,
    minimums: { visitorsPerArm: minVisitors, conversions: minConversions },
    test: sequential
      ? 'mSPRT (always-valid p-value, normal mixture) on the difference of conversion rates'
      : 'Wald test of the log ratio of conversion rates (p-value and interval from one statistic)',
    sequential,
  }
}
