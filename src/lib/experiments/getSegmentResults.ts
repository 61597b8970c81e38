import 'server-only'

import type { Payload } from 'payload'

import { segmentMetrics, type SegmentCounts } from '@/lib/db/segmentMetrics'
import { SEGMENT_DIMENSIONS, type SegmentDimension } from '@/lib/experiments/segments'
import { calculateExperimentStats } from '@/lib/stats/experimentStats'
import { armSummary, type ArmSummary } from '@/lib/experiments/getExperimentResults'

export type SegmentRow = {
  value: string
  label: string
  arms: ArmSummary[]
  /** Visitors not split as configured within this segment (null: not checked, see `srmNote`). */
  srmFlagged: boolean | null
}

export type SegmentResults = {
  dimensions: { dimension: SegmentDimension; label: string; rows: SegmentRow[] }[]
  /** Segment rows tested: each at α ÷ this (Bonferroni), so looking at many is accounted for. */
  comparisons: number
  intervalLevel: number
  /** Visitors exposed before segments were recorded (in no row). */
  unrecorded: number
  srmNote: string | null
}

const TOP_SOURCES = 8
const MAX_DAYS = 14
const VALUE_LABELS: Record<string, string> = {
  mobile: 'Mobile',
  tablet: 'Tablet',
  desktop: 'Desktop',
  new: 'New visitors',
  returning: 'Returning visitors',
  direct: 'Direct (no source)',
}

/** Monday of an ISO date's week. */
function weekOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`)
  date.setUTCDate(date.getUTCDate() - ((date.getUTCDay() + 6) % 7))
  return date.toISOString().slice(0, 10)
}

/**
 * A goal (the primary by default, else by its signature) broken down by device, traffic source, new or returning visitor and landing
 * date — each visitor in one row per dimension, by what was recorded at their first exposure.
 * Exploratory: every row is tested at α ÷ (number of rows), and rows are not period-weighted.
 */
export async function getSegmentResults(
  payload: Payload,
  experimentId: string,
  variants: { id: string; name: string; trafficPercentage: number }[],
  {
    periodsChanged = false,
    alpha = 0.05,
    goal = null,
  }: { periodsChanged?: boolean; alpha?: number; goal?: string | null } = {},
): Promise<SegmentResults> {
  const counts = await segmentMetrics(payload, experimentId, goal)
  const unrecorded = counts
    .filter((row) => row.dimension === 'device' && row.value === null)
    .reduce((sum, row) => sum + row.visitors, 0)

  const grouped = (Object.keys(SEGMENT_DIMENSIONS) as SegmentDimension[]).map((dimension) => {
    let rows = counts.filter((row) => row.dimension === dimension && row.value !== null)
    if (dimension === 'source') {
      const totals = new Map<string, number>()
      for (const row of rows) totals.set(row.value!, (totals.get(row.value!) ?? 0) + row.visitors)
      const top = new Set(
        [...totals.entries()]
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
          .slice(0, TOP_SOURCES)
          .map(([value]) => value),
      )
      rows = rows.map((row) => (top.has(row.value!) ? row : { ...row, value: 'other sources' }))
    }
    if (dimension === 'day' && new Set(rows.map((row) => row.value)).size > MAX_DAYS)
      rows = rows.map((row) => ({ ...row, value: `week of ${weekOf(row.value!)}` }))
    const byValue = new Map<string, SegmentCounts[]>()
    for (const row of rows) byValue.set(row.value!, [...(byValue.get(row.value!) ?? []), row])
    return { dimension, values: [...byValue.entries()].sort((a, b) => a[0].localeCompare(b[0])) }
  })

  const comparisons = Math.max(
    1,
    grouped.reduce((sum, g) => sum + g.values.length, 0),
  )
  const weights = variants.map((variant) => variant.trafficPercentage)
  let intervalLevel = 1 - alpha / comparisons
  const dimensions = grouped.map(({ dimension, values }) => ({
    dimension,
    label: SEGMENT_DIMENSIONS[dimension],
    rows: values.map(([value, rows]): SegmentRow => {
      const arms = variants.map((variant) => {
        const mine = rows.filter((row) => row.variant === variant.id)
        return {
          id: variant.id,
          name: variant.name,
          visitors: mine.reduce((sum, row) => sum + row.visitors, 0),
          conversions: mine.reduce((sum, row) => sum + row.conversions, 0),
        }
      })
      const stats = calculateExperimentStats(arms, weights, {
        alpha: alpha / comparisons,
        sequential: false,
      })
      intervalLevel = stats.intervalLevel
      return {
        value,
        label: VALUE_LABELS[value] ?? value,
        arms: stats.arms.map(armSummary),
        // Within a segment the split should hold too, unless the split itself changed over time.
        srmFlagged: periodsChanged ? null : stats.srm.flagged,
      }
    }),
  }))
  return {
    dimensions,
    comparisons,
    intervalLevel,
    unrecorded,
    srmNote: periodsChanged
      ? 'The split changed while it ran, so the split within segments is not checked here (see the allocation periods).'
      : null,
  }
}
