import normalCdf from '@stdlib/stats-base-dists-normal-cdf'
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

const zQuantile = (p: number) => normalQuantile(p, 0, 1)

/** A mean metric's rollup for one arm: visitors, and the sum and sum of squares of their values. */
export type MeanArm = { visitors: number; sum: number; sumSquares: number }

/** Mean and (unbiased) variance per visitor; null below two visitors. */
export function meanOf(arm: MeanArm): { mean: number; variance: number } | null {
  if (arm.visitors < 2) return null
  const mean = arm.sum / arm.visitors
  const variance = Math.max(0, (arm.sumSquares - arm.sum * mean) / (arm.visitors - 1))
  return { mean, variance }
}

/**
 * Relative lift of a variant's mean over the control's (value per visitor, e.g. lead value),
 * tested on the log of the ratio of means with the delta method — the unequal-variance (Welch)
 * standard error of each mean, carried to the ratio: se² = s²ᵥ/(nᵥ·x̄ᵥ²) + s²꜀/(n꜀·x̄꜀²). The
 * interval is exp(log ratio ± z·se) − 1 and never goes below −100%. Needs a positive mean in both.
 */
export function meanLiftTest(
  control: MeanArm,
  variant: MeanArm,
  alpha: number,
): { relativeLift: number; interval: [number, number]; pValue: number } | null {
  const c = meanOf(control)
  const v = meanOf(variant)
  if (!c || !v || !(c.mean > 0) || !(v.mean > 0)) return null
  const logRatio = Math.log(v.mean / c.mean)
  const se = Math.sqrt(
    v.variance / (variant.visitors * v.mean ** 2) + c.variance / (control.visitors * c.mean ** 2),
  )
  if (!(se > 0)) return null
  const half = zQuantile(1 - alpha / 2) * se
  return {
    relativeLift: Math.expm1(logRatio),
    interval: [Math.expm1(logRatio - half), Math.expm1(logRatio + half)],
    pValue: 2 * normalCdf(-Math.abs(logRatio / se), 0, 1),
  }
}
