import 'server-only'

import type { Payload } from 'payload'

import type { Experiment } from '@/payload-types'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { periodMetrics } from '@/lib/db/periodMetrics'
import { weightsOf } from '@/lib/experiments/allocationPeriods'
import {
  combinePeriods,
  sampleRatioMismatchByPeriod,
  type PeriodCounts,
} from '@/lib/stats/allocationPeriods'
import {
  calculateExperimentStats,
  type ArmStats,
  type ExperimentStats,
} from '@/lib/stats/experimentStats'
import { goalMetrics } from '@/lib/db/goalMetrics'
import { liftOverTime, type LiftPoint } from '@/lib/stats/liftOverTime'
import { meanLiftTest } from '@/lib/stats/meanLift'
import {
  goalLabel,
  goalSignature,
  primaryGoalOf,
  type GoalDefinition,
} from '@/lib/experiments/goals'
import { idOf } from '@/lib/ids'

export type SeriesPoint = { day: string } & Record<string, number | string | null>

export type ExperimentResults = {
  experiment: {
    id: string
    name: string
    status: string
    pageTitle: string
    startDate: string | null
    endDate: string | null
    daysRunning: number | null
    sequential: boolean
    winner: string | null
    changes: { day: string; kind: string; note: string }[]
  }
  variants: { id: string; name: string; trafficPercentage: number }[]
  stats: ExperimentStats
  /**
   * The splits the experiment ran under (allocation periods), with each one's exposed visitors
   * per variant. With more than one, results combine the periods (`weighted`) and the
   * sample-ratio check tests each period against its own split.
   */
  allocation: {
    periods: { startedAt: string; weights: number[]; visitors: number[] }[]
    weighted: boolean
    comparablePeriods: number[]
    /** Per variant: the counts the tests used (period-weighted effective counts, when weighted). */
    tested: { visitors: number; conversions: number }[]
  }
  /** Cumulative conversion rate per variant id, one point per day. */
  series: SeriesPoint[]
  /**
   * Secondary goals and guardrails, each tested like the primary goal on its own converting
   * visitors, at α ÷ (number of these goals) (Bonferroni; the primary goal stays at α).
   */
  goals: GoalResult[]
  /** What the verdict is about: a lead submitted, or the goal marked primary. */
  primaryGoal: { label: string; signature: string | null }
  /** The primary goal's lift per challenger over time, with its interval band. */
  liftOverTime: LiftPoint[]
}

/** What a goal's or a segment's table shows per variant. */
export type ArmSummary = Pick<
  ArmStats,
  | 'id'
  | 'name'
  | 'visitors'
  | 'conversions'
  | 'conversionRate'
  | 'relativeLift'
  | 'relativeLiftInterval'
  | 'adjustedPValue'
  | 'verdict'
>

/** The columns a goal's or a segment's table shows, from an arm's full statistics. */
export const armSummary = (arm: ArmStats): ArmSummary => ({
  id: arm.id,
  name: arm.name,
  visitors: arm.visitors,
  conversions: arm.conversions,
  conversionRate: arm.conversionRate,
  relativeLift: arm.relativeLift,
  relativeLiftInterval: arm.relativeLiftInterval,
  adjustedPValue: arm.adjustedPValue,
  verdict: arm.verdict,
})

export type GoalResult = {
  id: string
  label: string
  role: 'secondary' | 'guardrail'
  /** What the rollups count it by (`click:hero`, `custom:signup`, `lead`, `value`). */
  signature: string
  /** `rate`: visitors who reached it ÷ visitors; `mean`: value per visitor (lead value). */
  metric: 'rate' | 'mean'
  /** Confidence level of its intervals, after the adjustment across goals and arms. */
  intervalLevel: number
  arms: (ArmSummary & Pick<ArmStats, 'significant'>)[]
  /** A guardrail: the variants for which it is significantly worse than the control. */
  worseIn: string[]
  /** Its lift per challenger over time, with the interval band at its adjusted level. */
  liftOverTime: LiftPoint[]
  /**
   * When it started counting, if after the experiment started: visits to a page are recorded
   * only while such a goal exists, so one added later counts from then on. Null: from the start.
   */
  countedFrom: string | null
}

const nameOf = (value: unknown, fallback: string) =>
  value && typeof value === 'object' && 'name' in value
    ? String((value as { name: unknown }).name)
    : fallback

/** Results of one experiment: counts from the database, statistics, and the daily series. */
export async function getExperimentResults(
  payload: Payload,
  experiment: Experiment,
): Promise<ExperimentResults> {
  const primaryGoal = primaryGoalOf(
    (experiment.goals ?? []) as (GoalDefinition & { id?: string | null })[],
  )
  const primarySignature = primaryGoal ? goalSignature(primaryGoal) : null
  const metrics = await withPrimaryGoal(
    await experimentMetrics(payload, String(experiment.id)),
    primarySignature ? await goalMetrics(payload, String(experiment.id), [primarySignature]) : null,
  )
  const rows = experiment.variants ?? []
  const variants = rows.map((row) => ({
    id: idOf(row.variant),
    name: nameOf(row.variant, `Variant ${idOf(row.variant)}`),
    trafficPercentage: row.trafficPercentage,
  }))
  const arms = variants.map((variant) => {
    const m = metrics.variants.find((entry) => entry.variant === variant.id)
    return {
      id: variant.id,
      name: variant.name,
      visitors: m?.visitors ?? 0,
      conversions: m?.conversions ?? 0,
      impressions: m?.impressions ?? 0,
      conversionEvents: m?.conversionEvents ?? 0,
      clicks: m?.clicks ?? 0,
    }
  })
  const days = [...new Set(metrics.daily.map((d) => d.day))].sort()
  // One look-up per day and variant (a year of 10 variants is 3 650 rows).
  const byDay = new Map(metrics.daily.map((d) => [`${d.day}|${d.variant}`, d]))
  const running = new Map(variants.map((v) => [v.id, { visitors: 0, conversions: 0 }]))
  // Cumulative counts at the end of each day: the looks of the peeking-safe test, and the chart.
  const looks: { visitors: number; conversions: number }[][] = []
  const series: SeriesPoint[] = days.map((day) => {
    const point: SeriesPoint = { day }
    for (const variant of variants) {
      const today = byDay.get(`${day}|${variant.id}`)
      const total = running.get(variant.id)!
      total.visitors += today?.visitors ?? 0
      total.conversions += today?.conversions ?? 0
      point[variant.id] = total.visitors > 0 ? total.conversions / total.visitors : null
    }
    looks.push(variants.map((variant) => ({ ...running.get(variant.id)! })))
    return point
  })
  const options = {
    sequential: experiment.sequentialTesting ?? true,
    minimumDetectableEffect: (experiment.minimumDetectableEffect ?? 10) / 100,
    plannedBaseline: (experiment.baselineConversionRate ?? 5) / 100,
    minVisitorsPerArm: experiment.minimumVisitorsPerArm ?? undefined,
    minConversions: experiment.minimumConversions ?? undefined,
  }
  const weights = variants.map((v) => v.trafficPercentage)
  const recorded = experiment.allocationPeriods ?? []
  let stats: ExperimentStats
  let allocation: ExperimentResults['allocation']
  if (recorded.length > 1 && primarySignature) {
    // The primary goal's counts are not split by period: rates pool the periods (said on the
    // Results tab); the split check still tests each period against its own split.
    const split = await splitByPeriod(payload, String(experiment.id), recorded, variants, days)
    stats = {
      ...calculateExperimentStats(arms, weights, { ...options, looks }),
      srm: sampleRatioMismatchByPeriod(split.total),
    }
    allocation = {
      periods: recorded.map((period, index) => ({
        startedAt: period.startedAt,
        weights: split.total[index].weights,
        visitors: split.total[index].arms.map((arm) => arm.visitors),
      })),
      weighted: false,
      comparablePeriods: [],
      tested: arms.map(({ visitors, conversions }) => ({ visitors, conversions })),
    }
  } else if (recorded.length <= 1) {
    stats = calculateExperimentStats(arms, weights, { ...options, looks })
    allocation = {
      periods: recorded.map((period) => ({
        startedAt: period.startedAt,
        weights: weightsOf(
          period.split,
          variants.map((v) => v.id),
        ),
        visitors: arms.map((arm) => arm.visitors),
      })),
      weighted: false,
      comparablePeriods: recorded.length ? [0] : [],
      tested: arms.map(({ visitors, conversions }) => ({ visitors, conversions })),
    }
  } else {
    const split = await splitByPeriod(payload, String(experiment.id), recorded, variants, days)
    const combined = combinePeriods(split.total)
    const effective = arms.map((arm, index) => ({ ...arm, ...combined.arms[index] }))
    const tested = calculateExperimentStats(effective, weights, {
      ...options,
      looks: split.looks.map((look) => combinePeriods(look).arms),
    })
    stats = {
      ...tested,
      // The table shows what was counted; rates, lifts and tests are the period-weighted ones.
      arms: tested.arms.map((arm, index) => ({
        ...arm,
        visitors: arms[index].visitors,
        conversions: arms[index].conversions,
      })),
      totalVisitors: arms.reduce((sum, arm) => sum + arm.visitors, 0),
      srm: sampleRatioMismatchByPeriod(split.total),
    }
    allocation = {
      periods: recorded.map((period, index) => ({
        startedAt: period.startedAt,
        weights: split.total[index].weights,
        visitors: split.total[index].arms.map((arm) => arm.visitors),
      })),
      weighted: combined.weighted,
      comparablePeriods: combined.comparablePeriods,
      tested: combined.arms,
    }
  }

  const goals = await goalResults(payload, experiment, arms, weights, days, metrics, {
    ...options,
    looksOf: (converted) =>
      looks.map((look, index) =>
        look.map((arm, a) => ({ visitors: arm.visitors, conversions: converted[index][a] })),
      ),
  })

  const start = experiment.startDate ?? experiment.createdAt
  const daysRunning =
    experiment.status === 'running' && start
      ? Math.max(0, Math.floor((Date.now() - Date.parse(start)) / 86_400_000))
      : null
  return {
    experiment: {
      id: String(experiment.id),
      name: experiment.name,
      status: experiment.status,
      pageTitle: typeof experiment.page === 'object' ? (experiment.page?.title ?? '') : '',
      startDate: experiment.startDate ?? null,
      endDate: experiment.endDate ?? null,
      daysRunning,
      sequential: experiment.sequentialTesting ?? true,
      winner: experiment.winner ? idOf(experiment.winner) : null,
      changes: (experiment.changeLog ?? []).map((change) => ({
        day: change.at.slice(0, 10),
        kind: change.kind,
        note: change.note,
      })),
    },
    variants,
    stats,
    allocation,
    series,
    goals,
    primaryGoal: {
      label: primaryGoal ? goalLabel(primaryGoal) : 'A lead submitted',
      signature: primarySignature,
    },
    liftOverTime: liftOverTime(
      looks,
      days,
      variants.map((v) => v.id),
    ),
  }
}

/**
 * The experiment's counts with the primary goal's converting visitors in place of the lead's
 * (when a goal replaces the lead as primary): per variant and per day, days with no new visitor
 * included.
 */
function withPrimaryGoal(
  metrics: Awaited<ReturnType<typeof experimentMetrics>>,
  goalRows: Awaited<ReturnType<typeof goalMetrics>> | null,
) {
  if (!goalRows) return metrics
  const daily = new Map(
    metrics.daily.map((row) => [`${row.day}|${row.variant}`, { ...row, conversions: 0 }]),
  )
  for (const row of goalRows) {
    const key = `${row.day}|${row.variant}`
    const entry = daily.get(key) ?? {
      day: row.day,
      variant: row.variant,
      visitors: 0,
      conversions: 0,
    }
    entry.conversions += row.visitors
    daily.set(key, entry)
  }
  return {
    variants: metrics.variants.map((variant) => ({
      ...variant,
      conversions: goalRows
        .filter((row) => row.variant === variant.variant)
        .reduce((sum, row) => sum + row.visitors, 0),
    })),
    daily: [...daily.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.variant.localeCompare(b.variant),
    ),
  }
}

/**
 * The experiment's secondary goals and guardrails: converting visitors per arm from the goal
 * rollups against the same exposed visitors, each goal tested as the primary is (same mode,
 * same looks per day) at α ÷ the number of such goals. Not weighted by allocation period: with a
 * changed split the goal rows say so on the Results tab.
 */
async function goalResults(
  payload: Payload,
  experiment: Experiment,
  arms: { id: string; name: string; visitors: number }[],
  weights: number[],
  days: string[],
  metrics: Awaited<ReturnType<typeof experimentMetrics>>,
  options: Parameters<typeof calculateExperimentStats>[2] & {
    looksOf: (convertedByLook: number[][]) => { visitors: number; conversions: number }[][]
  },
): Promise<GoalResult[]> {
  const start = experiment.startDate ?? experiment.createdAt
  const countedFrom = (goal: GoalDefinition & { addedAt?: string | null }, signature: string) =>
    signature.startsWith('pageview:') && goal.addedAt && goal.addedAt > start ? goal.addedAt : null
  const defined = (
    (experiment.goals ?? []) as (GoalDefinition & { id?: string | null; addedAt?: string | null })[]
  )
    .map((goal, index) => ({ goal, index, signature: goalSignature(goal) }))
    .filter(
      (entry): entry is typeof entry & { signature: string } =>
        entry.signature !== null && entry.goal.role !== 'primary',
    )
  if (defined.length === 0) return []
  const rows = await goalMetrics(payload, String(experiment.id), [
    ...new Set(defined.map((entry) => entry.signature).filter((sig) => sig !== 'value')),
  ])
  const alpha = (options.alpha ?? 0.05) / defined.length
  const { looksOf, ...statsOptions } = options
  return defined.map(({ goal, index, signature }): GoalResult => {
    if (signature === 'value')
      return valueGoal(goal, index, arms, metrics, alpha, statsOptions.minVisitorsPerArm ?? 100)
    const mine = rows.filter((row) => row.goal === signature)
    const converted = arms.map((arm) =>
      mine.filter((row) => row.variant === arm.id).reduce((sum, row) => sum + row.visitors, 0),
    )
    // Cumulative converting visitors at the end of each day (the looks of the sequential test).
    const byLook = days.map((day) =>
      arms.map((arm) =>
        mine
          .filter((row) => row.variant === arm.id && row.day <= day)
          .reduce((sum, row) => sum + row.visitors, 0),
      ),
    )
    const goalLooks = looksOf(byLook)
    const stats = calculateExperimentStats(
      arms.map((arm, a) => ({ ...arm, conversions: converted[a] })),
      weights,
      { ...statsOptions, alpha, looks: goalLooks },
    )
    const role = goal.role === 'guardrail' ? 'guardrail' : 'secondary'
    // For a goal to keep low, a significant rise is the loser and a fall the winner.
    const lowerIsBetter = goal.higherIsBetter === false
    const verdictOf = (verdict: ArmStats['verdict']): ArmStats['verdict'] =>
      !lowerIsBetter
        ? verdict
        : verdict === 'winner'
          ? 'loser'
          : verdict === 'loser'
            ? 'winner'
            : verdict
    return {
      id: goal.id ?? `${index}`,
      label: goalLabel(goal),
      role,
      signature,
      metric: 'rate',
      intervalLevel: stats.intervalLevel,
      arms: stats.arms.map((arm) => ({
        ...armSummary(arm),
        significant: arm.significant,
        verdict: verdictOf(arm.verdict),
      })),
      liftOverTime: liftOverTime(
        goalLooks,
        days,
        arms.map((arm) => arm.id),
        alpha,
      ),
      worseIn:
        role === 'guardrail'
          ? stats.arms
              .filter((arm) => arm.significant && verdictOf(arm.verdict) === 'loser')
              .map((arm) => arm.name)
          : [],
      countedFrom: countedFrom(goal, signature),
    }
  })
}

/**
 * Per allocation period: the counts so far, and the cumulative counts at the end of each day
 * (the looks of the peeking-safe test), read from the exposures.
 */
async function splitByPeriod(
  payload: Payload,
  experimentId: string,
  recorded: { split: string }[],
  variants: { id: string }[],
  days: string[],
): Promise<{ total: PeriodCounts[]; looks: PeriodCounts[][] }> {
  const ids = variants.map((v) => v.id)
  const rows = await periodMetrics(payload, experimentId)
  const counts = recorded.map((period) => ({
    weights: weightsOf(period.split, ids),
    arms: ids.map(() => ({ visitors: 0, conversions: 0 })),
  }))
  const snapshot = () => counts.map((c) => ({ ...c, arms: c.arms.map((arm) => ({ ...arm })) }))
  const looks: PeriodCounts[][] = []
  let next = 0
  const lookDays = [...new Set([...days, ...rows.map((row) => row.day)])].sort()
  for (const day of lookDays) {
    for (; next < rows.length && rows[next].day <= day; next++) {
      const row = rows[next]
      // Exposures from before periods were recorded (or a period since removed) count in the first.
      const period = counts[row.period] ?? counts[0]
      const arm = ids.indexOf(row.variant)
      if (arm < 0) continue
      period.arms[arm].visitors += row.visitors
      period.arms[arm].conversions += row.conversions
    }
    looks.push(snapshot())
  }
  return { total: snapshot(), looks }
}

/**
 * A lead value goal: each variant's value per visitor (the sum of its visitors' lead values ÷
 * its visitors), compared with the control's by meanLiftTest at α ÷ goals ÷ challengers.
 * Computed from the daily rollups' sums and sums of squares.
 */
function valueGoal(
  goal: GoalDefinition & { id?: string | null },
  index: number,
  arms: { id: string; name: string; visitors: number }[],
  metrics: Awaited<ReturnType<typeof experimentMetrics>>,
  alpha: number,
  minVisitors: number,
): GoalResult {
  const challengers = Math.max(1, arms.length - 1)
  const alphaPerArm = alpha / challengers
  const sums = arms.map((arm) => {
    const m = metrics.variants.find((entry) => entry.variant === arm.id)
    return { visitors: arm.visitors, sum: m?.valueSum ?? 0, sumSquares: m?.valueSumSquares ?? 0 }
  })
  const lowerIsBetter = goal.higherIsBetter === false
  const enough = sums.every((arm) => arm.visitors >= minVisitors)
  const results = arms.map((arm, a): GoalResult['arms'][number] => {
    const mean = sums[a].visitors > 0 ? sums[a].sum / sums[a].visitors : null
    const base = {
      id: arm.id,
      name: arm.name,
      visitors: arm.visitors,
      conversions: sums[a].sum,
      conversionRate: mean,
    }
    if (a === 0)
      return {
        ...base,
        relativeLift: null,
        relativeLiftInterval: null,
        adjustedPValue: null,
        significant: false,
        verdict: 'control',
      }
    const test = meanLiftTest(sums[0], sums[a], alphaPerArm)
    const significant = enough && test !== null && test.pValue < alphaPerArm
    const better = test !== null && test.relativeLift > 0 !== lowerIsBetter
    return {
      ...base,
      relativeLift: test?.relativeLift ?? null,
      relativeLiftInterval: test?.interval ?? null,
      adjustedPValue: test ? Math.min(1, test.pValue * challengers) : null,
      significant,
      verdict:
        sums[a].visitors === 0
          ? 'no-data'
          : !enough
            ? 'not-enough-data'
            : significant
              ? better
                ? 'winner'
                : 'loser'
              : 'inconclusive',
    }
  })
  const role = goal.role === 'guardrail' ? 'guardrail' : 'secondary'
  return {
    id: goal.id ?? `${index}`,
    label: goalLabel(goal),
    role,
    signature: 'value',
    metric: 'mean',
    intervalLevel: 1 - alphaPerArm,
    arms: results,
    liftOverTime: [],
    worseIn:
      role === 'guardrail'
        ? results.filter((arm) => arm.verdict === 'loser').map((arm) => arm.name)
        : [],
    countedFrom: null,
  }
}
