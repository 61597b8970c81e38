import 'server-only'

import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { asDocId } from './docId'
import { dayOf, newEventId, type QueuedEvent } from './events'
import { mongoModels, sqliteClient, type SqliteValue } from './handles'
import { applyRollups } from './rollups'
import { siteTimeZone } from './siteTimeZone'

/** SQLite allows a limited number of bound parameters per statement. */
const SQLITE_ROWS_PER_INSERT = 500

/**
 * The columns of a stored event on SQLite, in the order of `sqliteEventValues`. The statement is
 * written out rather than built by Drizzle: it runs for every page view, on the thread that serves
 * pages, and in 200-row batches it cost 61–85 µs of CPU per event through Drizzle's builder
 * against 46 µs written out (measured outside the server, on the same table and indexes).
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

/** A row of `eventRow` as SQLite values (ids are numbers, metadata is JSON text). */
function sqliteEventValues(row: ReturnType<typeof eventRow<string>>): SqliteValue[] {
  const id = (value: string | number | null) => (value == null ? null : Number(value))
  return [
    row.eventId ?? null,
    row.eventType,
    row.eventName,
    id(row.page),
    id(row.experiment),
    id(row.variant),
    row.visitorId,
    row.blockId,
    row.blockType,
    row.allocationPeriod,
    row.metadata == null ? null : JSON.stringify(row.metadata),
    row.timestamp,
    row.day,
    row.createdAt,
    row.updatedAt,
  ]
}

/** An id kept as a string, in the adapter's id type (null stays null). */
const toId = (payload: Payload, value: string | null | undefined) =>
  value == null ? null : asDocId(payload, value)

/**
 * An event as a stored row, with what the collection's hook would set (timestamp, day) since
 * bulk writes bypass it. `date` gives each adapter its own date representation.
 */
function eventRow<D>(
  payload: Payload,
  event: QueuedEvent,
  now: D,
  date: (iso: string) => D,
  timeZone: string,
) {
  return {
    eventId: event.id,
    eventType: event.eventType,
    eventName: event.eventName ?? null,
    page: toId(payload, event.page),
    experiment: toId(payload, event.experiment),
    variant: toId(payload, event.variant),
    visitorId: event.visitorId,
    blockId: event.blockId ?? null,
    blockType: event.blockType ?? null,
    allocationPeriod: event.allocationPeriod ?? null,
    metadata: event.metadata ?? null,
    timestamp: date(event.timestamp),
    day: dayOf(event.timestamp, timeZone),
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * Writes many events in one statement (a multi-row INSERT on SQLite, insertMany on MongoDB) and
 * folds them into the result rollups. One write per event would halve a route's throughput.
 * An event whose id is already stored (a redelivery) is skipped, and only the events stored now
 * reach the rollups, so a batch delivered twice is counted once. Returns how many were new.
 */
export async function bulkInsertEvents(payload: Payload, events: QueuedEvent[]): Promise<number> {
  if (events.length === 0) return 0
  const fresh = await insertRows(payload, events)
  try {
    await applyRollups(payload, fresh)
  } catch (error) {
    // The events are stored; only the precomputed counts missed them (`npm run rollups:rebuild`).
    console.error('[splitpage] could not update result rollups:', error)
  }
  return fresh.length
}

/** Inserts the events not stored yet (by event id); returns those. */
async function insertRows(payload: Payload, events: QueuedEvent[]): Promise<QueuedEvent[]> {
  const now = new Date().toISOString()
  const timeZone = await siteTimeZone(payload)
  const withIds = events.map((event) => (event.id ? event : { ...event, id: newEventId() }))
  const unique = [...new Map(withIds.map((event) => [event.id, event])).values()]
  return byAdapter(payload, {
    sqlite: async () => {
      const stored = new Set<string>()
      const rows = unique.map((event) => eventRow(payload, event, now, (iso) => iso, timeZone))
      for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_INSERT) {
        const chunk = rows.slice(i, i + SQLITE_ROWS_PER_INSERT)
        const inserted = await sqliteClient(payload).execute({
          sql: `INSERT INTO analytics_events (${EVENT_COLUMNS.join(', ')}) VALUES ${chunk
            .map(() => EVENT_PLACEHOLDERS)
            .join(', ')} ON CONFLICT DO NOTHING RETURNING event_id`,
          args: chunk.flatMap(sqliteEventValues),
        })
        for (const row of inserted.rows) stored.add(row.event_id as string)
      }
      return unique.filter((event) => stored.has(event.id!))
    },
    mongodb: async () => {
      const docs = unique.map((event) =>
        eventRow(payload, event, new Date(now), (iso) => new Date(iso), timeZone),
      )
      try {
        await mongoModels(payload)['analytics-events'].insertMany(docs, { ordered: false })
        return unique
      } catch (error) {
        // Some were stored before (unique event id): the others are in.
        const failed = new Set(
          ((error as { writeErrors?: { index: number }[] }).writeErrors ?? []).map((e) => e.index),
        )
        if ((error as { code?: number }).code !== 11000 && failed.size === 0) throw error
        const duplicate = (
          error as { writeErrors?: { index: number; code?: number }[] }
        ).writeErrors!.filter((e) => e.code === 11000 || e.code === undefined)
        if (duplicate.length !== failed.size) throw error
        return unique.filter((_, index) => !failed.has(index))
      }
    },
  })
}
