// The SQLite side of storing events: the event rows and the rollup store, written against a
// libsql client and a Drizzle database alone (no Payload), so that the server and the SQLite
// writer thread (sqliteWriterThread) run the same statements.
import { sql } from 'drizzle-orm'

import {
  foldIntoRollups,
  goalCounts,
  type Exposure,
  type GoalCount,
  type RollupStore,
} from './eventRollups'
import { dayOf, type QueuedEvent } from './events'
import type { SqliteClient, SqliteHandle, SqliteValue } from './handles'
import { counterColumn, ROLLUP_COUNTERS } from './rollupCounters'

/** What the SQLite writes need: the libsql client and a Drizzle database over it. */
export type SqliteDb = {
  client: SqliteClient
  drizzle: Pick<SqliteHandle['drizzle'], 'all' | 'run'>
}

/** SQLite allows a limited number of bound parameters per statement. */
const SQLITE_ROWS_PER_INSERT = 500

/**
 * The columns of a stored event on SQLite, in the order of `eventValues`. The statement is
 * written out rather than built by Drizzle: it runs for every page view, and in 200-row batches
 * it cost 61–85 µs of CPU per event through Drizzle's builder against 46 µs written out
 * (measured outside the server, on the same table and indexes).
 */
const EVENT_COLUMNS = [
  'event_id',
  'event_type',
  'event_name',
  'page_id',
  'experiment_id',
  'variant_id',
  'visitor_id',
  'block_id',
  'block_type',
  'allocation_period',
  'metadata',
  'timestamp',
  'day',
  'created_at',
  'updated_at',
]
const EVENT_PLACEHOLDERS = `(${EVENT_COLUMNS.map(() => '?').join(', ')})`
const EVENT_INSERT_HEAD = `INSERT INTO analytics_events (${EVENT_COLUMNS.join(', ')}) VALUES `

const idValue = (value: string | null | undefined) => (value == null ? null : Number(value))

/**
 * An event as a stored row's values, with what the collection's hook would set (timestamp,
 * day) since bulk writes bypass it.
 */
function eventValues(event: QueuedEvent, now: string, timeZone: string): SqliteValue[] {
  return [
    event.id ?? null,
    event.eventType,
    event.eventName ?? null,
    idValue(event.page),
    idValue(event.experiment),
    idValue(event.variant),
    event.visitorId,
    event.blockId ?? null,
    event.blockType ?? null,
    event.allocationPeriod ?? null,
    event.metadata == null ? null : JSON.stringify(event.metadata),
    event.timestamp,
    dayOf(event.timestamp, timeZone),
    now,
    now,
  ]
}

/**
 * Inserts events (each with its id, no two alike) in multi-row statements; an event whose id is
 * already stored (a redelivery) is skipped. Returns the events stored now.
 */
export async function insertSqliteEvents(
  { client }: SqliteDb,
  events: QueuedEvent[],
  timeZone: string,
): Promise<QueuedEvent[]> {
  const now = new Date().toISOString()
  const stored = new Set<string>()
  for (let i = 0; i < events.length; i += SQLITE_ROWS_PER_INSERT) {
    const chunk = events.slice(i, i + SQLITE_ROWS_PER_INSERT)
    const inserted = await client.execute({
      sql: `${EVENT_INSERT_HEAD}${chunk.map(() => EVENT_PLACEHOLDERS).join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
      args: chunk.flatMap((event) => eventValues(event, now, timeZone)),
    })
    for (const row of inserted.rows) stored.add(row.event_id as string)
  }
  return events.filter((event) => stored.has(event.id!))
}

/**
 * Stores events and folds the new ones into the rollups; returns how many were new. Not a
 * transaction by itself: the writer thread wraps it in one (its connection is its own).
 */
export async function writeSqliteEvents(
  db: SqliteDb,
  events: QueuedEvent[],
  timeZone: string,
): Promise<number> {
  const fresh = await insertSqliteEvents(db, events, timeZone)
  await foldIntoRollups(sqliteRollupStore(db), fresh, timeZone)
  return fresh.length
}

export function sqliteRollupStore({ client, drizzle: db }: SqliteDb): RollupStore {
  return {
    async addExposures(rows) {
      // Written out rather than built with Drizzle's sql template, as the event insert is (see
      // bulkInsertEvents): this runs for every new visitor's first view.
      const added: Exposure[] = []
      for (let i = 0; i < rows.length; i += 500) {
        const chunk = rows.slice(i, i + 500)
        const { rows: inserted } = await client.execute({
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
