// The rollup arithmetic shared by every writer (the server's adapters and the SQLite writer
// thread): no Payload, no database handle, only a store to write through.
import { eventGoalSignature } from '@/lib/experiments/goals'
import { segmentFromMetadata, type Segment } from '@/lib/experiments/segments'

import { dayOf, type QueuedEvent } from './events'
import { zeroCounters, type Counters, type RollupCounter } from './rollupCounters'

export type DailyKey = { experiment: string; variant: string; day: string }
export type Increments = Map<string, DailyKey & Counters>

export function bump(map: Increments, key: DailyKey, counter: RollupCounter, by = 1) {
  const id = `${key.experiment}|${key.variant}|${key.day}`
  let entry = map.get(id)
  if (!entry) {
    entry = { ...key, ...zeroCounters() }
    map.set(id, entry)
  }
  entry[counter] += by
}

export type Exposure = {
  experiment: string
  variant: string
  visitorId: string
  day: string
  /** First exposures: its time and the allocation period the proxy assigned under. */
  at?: string
  allocationPeriod?: number
  /** First exposures: the visitor's segment, when the impression recorded one. */
  segment?: Segment | null
}

/** Rollup storage for one adapter: insert-if-new exposures, mark conversions, add counters. */
export type RollupStore = {
  /** Inserts exposures not yet recorded; returns the ones that were new. */
  addExposures(rows: Exposure[]): Promise<Exposure[]>
  /** Marks a first conversion; returns the exposure's day when this was its first. */
  markConverted(row: Exposure): Promise<string | null>
  addCounters(increments: Increments): Promise<void>
  /**
   * Adds a lead's value to an exposed visitor's total; returns the total before and the
   * exposure's day, or null when the visitor was not exposed to that variant.
   */
  addValue(row: Exposure, value: number): Promise<{ before: number; exposedDay: string } | null>
  /**
   * Records visitors' first reach of a goal, only for visitors exposed by then, and counts the
   * new ones in the goal's daily counters (on the later of the exposure's and the reach's day).
   */
  addGoalVisitors(rows: GoalReach[]): Promise<void>
}

export type GoalCount = {
  experiment: string
  variant: string
  goal: string
  day: string
  n: number
}

/** New goal visitors as increments of the daily goal counters, one per goal, variant and day. */
export function goalCounts(added: Omit<GoalCount, 'n'>[]): GoalCount[] {
  const counts = new Map<string, GoalCount>()
  for (const row of added) {
    const key = `${row.experiment}|${row.goal}|${row.variant}|${row.day}`
    const count = counts.get(key)
    if (count) count.n++
    else counts.set(key, { ...row, n: 1 })
  }
  return [...counts.values()]
}

/** An exposed visitor reaching a goal (signature from lib/experiments/goals) on a day. */
export type GoalReach = {
  experiment: string
  variant: string
  visitorId: string
  goal: string
  day: string
}

/**
 * Folds newly written events into the rollups: raw counters per experiment, variant and day;
 * a visitor's first exposure (and first conversion after it) counted once. Called right after
 * the events themselves are written.
 */
export async function foldIntoRollups(
  store: RollupStore,
  events: QueuedEvent[],
  timeZone: string,
): Promise<void> {
  const relevant = events.filter((e) => e.experiment && e.variant)
  if (relevant.length === 0) return
  const increments: Increments = new Map()
  const exposures = new Map<string, Exposure>()
  const conversions: Exposure[] = []
  const goalReaches: GoalReach[] = []
  const values: { row: Exposure; value: number }[] = []
  for (const event of relevant) {
    const row = {
      experiment: String(event.experiment),
      variant: String(event.variant),
      visitorId: event.visitorId,
      day: dayOf(event.timestamp, timeZone),
    }
    if (event.eventType === 'impression') {
      bump(increments, row, 'impressions')
      const key = `${row.experiment}|${row.visitorId}`
      const seen = exposures.get(key)
      const at = new Date(event.timestamp).toISOString()
      // The first exposure's segment is on the impression that made the assignment.
      const segment = segmentFromMetadata(event.metadata) ?? seen?.segment ?? null
      if (!seen || at < (seen.at as string))
        exposures.set(key, { ...row, at, allocationPeriod: event.allocationPeriod ?? 0, segment })
      else if (segment && !seen.segment) seen.segment = segment
    } else if (event.eventType === 'conversion') {
      bump(increments, row, 'conversionEvents')
      conversions.push(row)
      const value = leadValueOf(event.metadata)
      if (value > 0) values.push({ row, value })
    } else if (event.eventType === 'click') {
      bump(increments, row, 'clicks')
    }
    const goal = eventGoalSignature(event)
    if (goal) goalReaches.push({ ...row, goal })
  }
  for (const added of await store.addExposures([...exposures.values()]))
    bump(increments, added, 'visitors')
  for (const conversion of conversions) {
    const exposedDay = await store.markConverted(conversion)
    if (exposedDay !== null) {
      const day = conversion.day < exposedDay ? exposedDay : conversion.day
      bump(increments, { ...conversion, day }, 'conversions')
    }
  }
  for (const { row, value } of values) {
    // The visitor's total grows from `before` to `before + value`: the sum of squares of the
    // per-visitor totals changes by the difference of the squares.
    const added = await store.addValue(row, value)
    if (added === null) continue
    const day = row.day < added.exposedDay ? added.exposedDay : row.day
    bump(increments, { ...row, day }, 'valueSum', value)
    bump(
      increments,
      { ...row, day },
      'valueSumSquares',
      (added.before + value) ** 2 - added.before ** 2,
    )
  }
  await store.addCounters(increments)
  // After the exposures: a goal reached in the same batch as the first view counts.
  await store.addGoalVisitors(goalReaches)
}

/** A lead's value from its conversion event (bounded like the form's setting), else 0. */
function leadValueOf(metadata: unknown): number {
  const value = (metadata as { value?: unknown } | null | undefined)?.value
  return typeof value === 'number' && Number.isFinite(value) && value > 0 && value <= 1_000_000
    ? value
    : 0
}
