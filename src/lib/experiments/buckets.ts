import { BUCKETS } from '@/lib/experiments/hash'

export type BucketRange = readonly [start: number, end: number]

/**
 * Turns traffic percentages into consecutive bucket ranges [start, end). Percentages are clamped
 * to 0–100 (NaN counts as 0), and the ranges never run past the last bucket, so a bad
 * configuration serves fewer visitors instead of producing nonsense.
 */
export function getBucketRanges(percentages: readonly number[]): BucketRange[] {
  let cursor = 0
  return percentages.map((percentage) => {
    const clamped = Number.isFinite(percentage) ? Math.min(100, Math.max(0, percentage)) : 0
    const start = cursor
    cursor = Math.min(BUCKETS, cursor + Math.round(clamped * (BUCKETS / 100)))
    return [start, cursor] as const
  })
}

/** The index of the range holding the bucket, or -1 when no range does. */
export function chooseVariant(bucket: number, ranges: readonly BucketRange[]): number {
  return ranges.findIndex(([start, end]) => bucket >= start && bucket < end)
}
