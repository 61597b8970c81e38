import { logRatioTest } from '@/lib/stats/experimentStats'

/** One day of a lift chart: per challenger id, its lift and interval (`<id>:band`) so far. */
export type LiftPoint = { day: string } & Record<string, number | [number, number] | string | null>

/**
 * Cumulative relative lift of each challenger over the control at the end of each day, with the
 * log-ratio interval at `alpha` (Bonferroni over the challengers): what the chart draws as a line
 * in a band. A day's interval is the fixed-horizon one at that day's counts — the chart shows how
 * the estimate settled; the table's interval (peeking-safe when chosen) is the one to decide on.
 * Pure; O(days × variants).
 */
export function liftOverTime(
  looks: { visitors: number; conversions: number }[][],
  days: string[],
  variantIds: string[],
  alpha = 0.05,
): LiftPoint[] {
  const comparisons = Math.max(1, variantIds.length - 1)
  return days.map((day, index) => {
    const look = looks[index] ?? []
    const control = look[0]
    const point: LiftPoint = { day }
    for (let v = 1; v < variantIds.length; v++) {
      const arm = look[v]
      const id = variantIds[v]
      if (
        !control ||
        !arm ||
        control.visitors === 0 ||
        arm.visitors === 0 ||
        control.conversions === 0
      ) {
        point[id] = null
        point[`${id}:band`] = null
        continue
      }
      point[id] = arm.conversions / arm.visitors / (control.conversions / control.visitors) - 1
      point[`${id}:band`] =
        logRatioTest(
          { n: control.visitors, x: control.conversions },
          { n: arm.visitors, x: arm.conversions },
          alpha / comparisons,
        )?.interval ?? null
    }
    return point
  })
}
