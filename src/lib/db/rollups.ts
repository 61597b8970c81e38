import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { eventGoalSignature } from '@/lib/experiments/goals'
import { segmentFromMetadata, type Segment } from '@/lib/experiments/segments'

import { dayOf, type QueuedEvent } from './events'
import { mongoModels, sqliteClient, sqliteHandle } from './handles'
import { siteTimeZone } from './siteTimeZone'
import {
  counterColumn,
  ROLLUP_COUNTERS,
  zeroCounters,
  type Counters,
  type RollupCounter,
} from './rollupCounters'

type DailyKey = { experiment: string; variant: string; day: string }
type Increments = Map<string, DailyKey & Counters>

function bump(map: Increments, key: DailyKey, counter: RollupCounter, by = 1) {
  const id = `${key.experiment}|${key.variant}|${key.day}`
  let entry = map.get(id)
  if (!entry) {
    entry = { ...key, ...zeroCounters() }
    map.set(id, entry)
  }
  entry[counter] += by
}

type Exposure = {
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
type RollupStore = {
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

type GoalCount = { experiment: string; variant: string; goal: string; day: string; n: number }

/** New goal visitors as increments of the daily goal counters, one per goal, variant and day. */
function goalCounts(added: Omit<GoalCount, 'n'>[]): GoalCount[] {
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
type GoalReach = {
  experiment: string
  variant: string
  visitorId: string
  goal: string
  day: string
}

function sqliteStore(payload: Payload): RollupStore {
  const db = sqliteHandle(payload).drizzle
  return {
    async addExposures(rows) {
      // Written out rather than built with Drizzle's sql template, as the event insert is (see
      // bulkInsertEvents): this runs for every new visitor's first view.
      const added: Exposure[] = []
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500)
        const { rows: inserted } = await sqliteClient(payload).execute({
          sql: `INSERT INTO experiment_exposures
            (experiment_id, variant_id, visitor_id, exposed_day, exposed_at, allocation_period,
             device, source, visitor_type)
          VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?, ?)').join(', ')}
          ON CONFLICT (experiment_id, visitor_id) DO NOTHING
          RETURNING experiment_id, visitor_id`,
          args: chunk.flatMap((row) => [
            Number(row.experiment),
            Number(row.variant),
            row.visitorId,
            row.day,
            row.at ?? null,
            row.allocationPeriod ?? 0,
            row.segment?.device ?? null,
            row.segment?.source ?? null,
            row.segment?.visitor ?? null,
          ]),
        })
        const fresh = new Set(inserted.map((row) => `${row.experiment_id}|${row.visitor_id}`))
        added.push(...chunk.filter((row) => fresh.has(`${row.experiment}|${row.visitorId}`)))
      }
      return added
    },
    async markConverted(row) {
      const updated = await db.all<{ exposedDay: string }>(sql`
        UPDATE experiment_exposures SET converted_day = ${row.day}
         WHERE experiment_id = ${Number(row.experiment)} AND visitor_id = ${row.visitorId}
           AND variant_id = ${Number(row.variant)} AND converted_day IS NULL
        RETURNING exposed_day AS exposedDay`)
      return updated[0]?.exposedDay ?? null
    },
    async addCounters(increments) {
      const columns = ROLLUP_COUNTERS.map((counter) => sql.raw(counterColumn(counter)))
      const updates = sql.join(
        columns.map((column) => sql`${column} = ${column} + excluded.${column}`),
        sql`, `,
      )
      for (const c of increments.values()) {
        const values = sql.join(
          ROLLUP_COUNTERS.map((counter) => sql`${c[counter]}`),
          sql`, `,
        )
        await db.run(sql`
          INSERT INTO experiment_daily (experiment_id, variant_id, day, ${sql.join(columns, sql`, `)})
          VALUES (${Number(c.experiment)}, ${Number(c.variant)}, ${c.day}, ${values})
          ON CONFLICT (experiment_id, variant_id, day) DO UPDATE SET
            ${updates}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`)
      }
    },
    async addValue(row, value) {
      const updated = await db.all<{ total: number; exposedDay: string }>(sql`
        UPDATE experiment_exposures SET value_total = COALESCE(value_total, 0) + ${value}
         WHERE experiment_id = ${Number(row.experiment)} AND visitor_id = ${row.visitorId}
           AND variant_id = ${Number(row.variant)}
        RETURNING value_total AS total, exposed_day AS exposedDay`)
      return updated[0]
        ? { before: Number(updated[0].total) - value, exposedDay: updated[0].exposedDay }
        : null
    },
    async addGoalVisitors(rows) {
      // Only for a visitor exposed to that variant, on the later of the two days; a visitor's
      // first reach of each goal only (the unique index).
      const added: Omit<GoalCount, 'n'>[] = []
      for (const row of rows) {
        const inserted = await db.all<{ day: string }>(sql`
          INSERT INTO experiment_goal_visitors (experiment_id, variant_id, goal, visitor_id, day)
          SELECT experiment_id, variant_id, ${row.goal}, visitor_id,
                 CASE WHEN exposed_day > ${row.day} THEN exposed_day ELSE ${row.day} END
            FROM experiment_exposures
           WHERE experiment_id = ${Number(row.experiment)} AND visitor_id = ${row.visitorId}
             AND variant_id = ${Number(row.variant)}
          ON CONFLICT (experiment_id, goal, visitor_id) DO NOTHING
          RETURNING day`)
        if (inserted[0]) added.push({ ...row, day: inserted[0].day })
      }
      for (const count of goalCounts(added)) {
        await db.run(sql`
          INSERT INTO experiment_goal_daily (experiment_id, variant_id, goal, day, visitors)
          VALUES (${Number(count.experiment)}, ${Number(count.variant)}, ${count.goal},
                  ${count.day}, ${count.n})
          ON CONFLICT (experiment_id, goal, variant_id, day) DO UPDATE SET
            visitors = visitors + excluded.visitors,
            updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`)
      }
    },
  }
}

function mongoStore(payload: Payload): RollupStore {
  // Mongoose sets createdAt / updatedAt on these writes itself (Payload's schemas have timestamps).
  const models = mongoModels(payload)
  return {
    async addExposures(rows) {
      if (rows.length === 0) return []
      const exposures = models['experiment-exposures']
      const added: Exposure[] = []
      for (const experiment of new Set(rows.map((row) => row.experiment))) {
        const mine = rows.filter((row) => row.experiment === experiment)
        const known = await exposures
          .find(
            { experiment, visitorId: { $in: mine.map((row) => row.visitorId) } },
            { visitorId: 1 },
          )
          .lean()
        const seen = new Set(known.map((doc) => doc.visitorId))
        const fresh = mine.filter((row) => !seen.has(row.visitorId))
        if (fresh.length === 0) continue
        const docs = fresh.map((row) => ({
          experiment,
          variant: row.variant,
          visitorId: row.visitorId,
          exposedDay: row.day,
          exposedAt: row.at ?? null,
          allocationPeriod: row.allocationPeriod ?? 0,
          convertedDay: null,
          device: row.segment?.device ?? null,
          source: row.segment?.source ?? null,
          visitorType: row.segment?.visitor ?? null,
        }))
        try {
          await exposures.insertMany(docs, { ordered: false })
          added.push(...fresh)
        } catch (error) {
          // Another writer recorded some of these visitors first (unique index): not new here.
          const failed = new Set(
            ((error as { writeErrors?: { index: number }[] }).writeErrors ?? []).map(
              (e) => e.index,
            ),
          )
          if ((error as { code?: number }).code !== 11000 && failed.size === 0) throw error
          added.push(...fresh.filter((_, index) => !failed.has(index)))
        }
      }
      return added
    },
    async markConverted(row) {
      const before = await models['experiment-exposures'].findOneAndUpdate(
        {
          experiment: row.experiment,
          visitorId: row.visitorId,
          variant: row.variant,
          convertedDay: null,
        },
        { $set: { convertedDay: row.day } },
        { new: false, lean: true },
      )
      return before?.exposedDay ?? null
    },
    async addCounters(increments) {
      if (increments.size === 0) return
      await models['experiment-daily'].bulkWrite(
        [...increments.values()].map((c) => ({
          updateOne: {
            filter: { experiment: c.experiment, variant: c.variant, day: c.day },
            update: {
              $inc: Object.fromEntries(ROLLUP_COUNTERS.map((counter) => [counter, c[counter]])),
            },
            upsert: true,
          },
        })),
        { ordered: true },
      )
    },
    async addValue(row, value) {
      const before = (await models['experiment-exposures'].findOneAndUpdate(
        { experiment: row.experiment, visitorId: row.visitorId, variant: row.variant },
        { $inc: { valueTotal: value } },
        { new: false, lean: true },
      )) as { exposedDay?: string; valueTotal?: number | null } | null
      return before?.exposedDay
        ? { before: Number(before.valueTotal ?? 0), exposedDay: before.exposedDay }
        : null
    },
    async addGoalVisitors(rows) {
      if (rows.length === 0) return
      const exposures = models['experiment-exposures']
      const goals = models['experiment-goal-visitors']
      for (const experiment of new Set(rows.map((row) => row.experiment))) {
        const mine = rows.filter((row) => row.experiment === experiment)
        const exposed = new Map(
          (
            (await exposures
              .find(
                { experiment, visitorId: { $in: [...new Set(mine.map((row) => row.visitorId))] } },
                { visitorId: 1, variant: 1, exposedDay: 1 },
              )
              .lean()) as unknown as { visitorId: string; variant: unknown; exposedDay: string }[]
          ).map((doc) => [doc.visitorId, doc]),
        )
        const docs = mine.flatMap((row) => {
          const exposure = exposed.get(row.visitorId)
          if (!exposure || String(exposure.variant) !== row.variant) return []
          const day = exposure.exposedDay > row.day ? exposure.exposedDay : row.day
          return [
            { experiment, variant: row.variant, goal: row.goal, visitorId: row.visitorId, day },
          ]
        })
        if (docs.length === 0) continue
        let failed = new Set<number>()
        try {
          await goals.insertMany(docs, { ordered: false })
        } catch (error) {
          // Already recorded (the unique index): a visitor counts once per goal.
          const writeErrors =
            (error as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] })
              .writeErrors ?? []
          const duplicatesOnly = writeErrors.every((e) => (e.code ?? e.err?.code) === 11000)
          if ((error as { code?: number }).code !== 11000 && !duplicatesOnly) throw error
          failed = new Set(writeErrors.map((e) => e.index))
          // A duplicate reported without the index of each failed write: count none of them.
          if (writeErrors.length === 0) failed = new Set(docs.keys())
        }
        const counts = goalCounts(docs.filter((_, index) => !failed.has(index)))
        if (counts.length === 0) continue
        await models['experiment-goal-daily'].bulkWrite(
          counts.map((count) => ({
            updateOne: {
              filter: {
                experiment: count.experiment,
                goal: count.goal,
                variant: count.variant,
                day: count.day,
              },
              update: { $inc: { visitors: count.n } },
              upsert: true,
            },
          })),
          { ordered: true },
        )
      }
    },
  }
}

const storeFor = (payload: Payload) =>
  byAdapter(payload, { sqlite: () => sqliteStore(payload), mongodb: () => mongoStore(payload) })

/**
 * Folds newly written events into the rollups: raw counters per experiment, variant and day;
 * a visitor's first exposure (and first conversion after it) counted once. Called right after
 * the events themselves are written.
 */
export async function applyRollups(payload: Payload, events: QueuedEvent[]): Promise<void> {
  const relevant = events.filter((e) => e.experiment && e.variant)
  if (relevant.length === 0) return
  const store = storeFor(payload)
  const timeZone = await siteTimeZone(payload)
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
