import 'server-only'

import type { Payload } from 'payload'

import type { Experiment } from '@/payload-types'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { calculateExperimentStats, type ExperimentStats } from '@/lib/stats/experimentStats'
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
  /** Cumulative conversion rate per variant id, one point per day. */
  series: SeriesPoint[]
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
  const metrics = await experimentMetrics(payload, String(experiment.id))
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
  const stats = calculateExperimentStats(
    arms,
    variants.map((v) => v.trafficPercentage),
    {
      sequential: experiment.sequentialTesting ?? true,
      minimumDetectableEffect: (experiment.minimumDetectableEffect ?? 10) / 100,
      plannedBaseline: (experiment.baselineConversionRate ?? 5) / 100,
      minVisitorsPerArm: experiment.minimumVisitorsPerArm ?? undefined,
      minConversions: experiment.minimumConversions ?? undefined,
      looks,
    },
  )

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
    series,
  }
}
