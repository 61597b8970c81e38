import 'server-only'

import type { Payload } from 'payload'

import { idOf } from '@/lib/ids'

import { ROLLUP_COUNTERS, zeroCounters, type Counters } from './rollupCounters'

/**
 * Per variant: distinct exposed visitors (`visitors`), distinct exposed visitors with a
 * conversion attributed to the same variant (`conversions`), and raw event counts.
 */
export type VariantMetrics = { variant: string } & Counters

export type DailyMetrics = { day: string; variant: string; visitors: number; conversions: number }

export type ExperimentMetrics = { variants: VariantMetrics[]; daily: DailyMetrics[] }

/**
 * Per-variant visitor-level counts and raw event counts of one experiment, plus the same per
 * day, read from the daily rollups (src/lib/db/rollups): the cost grows with variants × days,
 * not with the number of events.
 */
export async function experimentMetrics(
  payload: Payload,
  experimentId: string,
): Promise<ExperimentMetrics> {
  const { docs } = await payload.find({
    collection: 'experiment-daily',
    where: { experiment: { equals: experimentId } },
    depth: 0,
    pagination: false,
    limit: 0,
  })
  const variants = new Map<string, VariantMetrics>()
  const daily: DailyMetrics[] = []
  for (const row of docs) {
    const variant = idOf(row.variant)
    const total = variants.get(variant) ?? { variant, ...zeroCounters() }
    for (const counter of ROLLUP_COUNTERS) total[counter] += row[counter] ?? 0
    variants.set(variant, total)
    if (row.visitors || row.conversions) {
      daily.push({
        day: row.day,
        variant,
        visitors: row.visitors ?? 0,
        conversions: row.conversions ?? 0,
      })
    }
  }
  daily.sort((a, b) => a.day.localeCompare(b.day) || a.variant.localeCompare(b.variant))
  return { variants: [...variants.values()], daily }
}
