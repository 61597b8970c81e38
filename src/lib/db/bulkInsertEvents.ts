import 'server-only'

import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { asDocId } from './docId'
import { dayOf, type QueuedEvent } from './events'
import { mongoModels, sqliteHandle } from './handles'
import { applyRollups } from './rollups'

/** SQLite allows a limited number of bound parameters per statement. */
const SQLITE_ROWS_PER_INSERT = 500

/** An id kept as a string, in the adapter's id type (null stays null). */
const toId = (payload: Payload, value: string | null | undefined) =>
  value == null ? null : asDocId(payload, value)

/**
 * An event as a stored row, with what the collection's hook would set (timestamp, day) since
 * bulk writes bypass it. `date` gives each adapter its own date representation.
 */
function eventRow<D>(payload: Payload, event: QueuedEvent, now: D, date: (iso: string) => D) {
  return {
    eventType: event.eventType,
    eventName: event.eventName ?? null,
    page: toId(payload, event.page),
    experiment: toId(payload, event.experiment),
    variant: toId(payload, event.variant),
    visitorId: event.visitorId,
    blockId: event.blockId ?? null,
    metadata: event.metadata ?? null,
    timestamp: date(event.timestamp),
    day: dayOf(event.timestamp),
    createdAt: now,
    updatedAt: now,
  }
}

/**
 * Writes many events in one statement (a multi-row INSERT on SQLite, insertMany on MongoDB) and
 * folds them into the result rollups. One write per event would halve a route's throughput.
 */
export async function bulkInsertEvents(payload: Payload, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return
  await insertRows(payload, events)
  try {
    await applyRollups(payload, events)
  } catch (error) {
    // The events are stored; only the precomputed counts missed them (`npm run rollups:rebuild`).
    console.error('[splitpage] could not update result rollups:', error)
  }
}

function insertRows(payload: Payload, events: QueuedEvent[]): Promise<void> {
  const now = new Date().toISOString()
  return byAdapter(payload, {
    sqlite: async () => {
      const { drizzle, tables } = sqliteHandle(payload)
      const rows = events.map((event) => eventRow(payload, event, now, (iso) => iso))
      for (let i = 0; i < rows.length; i += SQLITE_ROWS_PER_INSERT) {
        await drizzle
          .insert(tables.analytics_events)
          .values(rows.slice(i, i + SQLITE_ROWS_PER_INSERT))
      }
    },
    mongodb: async () => {
      const docs = events.map((event) =>
        eventRow(payload, event, new Date(now), (iso) => new Date(iso)),
      )
      await mongoModels(payload)['analytics-events'].insertMany(docs, { ordered: true })
    },
  })
}
