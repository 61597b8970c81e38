import type { Payload } from 'payload'

import { dayOf } from '../tracking/dayOf'
import { asDocId } from './docId'
import { applyRollups } from './rollups'
import type { QueuedEvent } from '../tracking/queue'

type SqliteDb = {
  drizzle: { insert(table: unknown): { values(rows: unknown[]): Promise<unknown> } }
  tables: Record<string, unknown>
}
type MongoDb = {
  collections: Record<string, { insertMany(docs: unknown[], options?: unknown): Promise<unknown> }>
}

/** An id kept as a string, in the adapter's id type (null stays null). */
const toId = (payload: Payload, value: string | null | undefined) =>
  value == null ? null : asDocId(payload, value)

/**
 * Writes many events in one statement: a multi-row INSERT on SQLite (Drizzle), insertMany on
 * MongoDB (told apart by the adapter's id type). One write per event would halve a route's throughput; this is the only place that
 * bypasses the Local API, so it sets what the collection's hook would (the timestamp).
 */
export async function bulkInsertEvents(payload: Payload, events: QueuedEvent[]): Promise<void> {
  if (events.length === 0) return
  await insertRows(payload, events)
  try {
    await applyRollups(payload, events)
  } catch (error) {
    // The events are stored; only the precomputed counts missed them (rebuildable from events).
    console.error('[splitpage] could not update result rollups:', error)
  }
}

async function insertRows(payload: Payload, events: QueuedEvent[]): Promise<void> {
  const now = new Date().toISOString()
  if (payload.db.defaultIDType !== 'number') {
    const docs = events.map((event) => ({
      eventType: event.eventType,
      eventName: event.eventName ?? null,
      page: toId(payload, event.page),
      experiment: toId(payload, event.experiment),
      variant: toId(payload, event.variant),
      visitorId: event.visitorId,
      blockId: event.blockId ?? null,
      metadata: event.metadata ?? null,
      timestamp: new Date(event.timestamp),
      day: dayOf(event.timestamp),
      createdAt: new Date(now),
      updatedAt: new Date(now),
    }))
    await (payload.db as unknown as MongoDb).collections['analytics-events'].insertMany(docs, {
      ordered: true,
    })
    return
  }
  const db = payload.db as unknown as SqliteDb
  const rows = events.map((event) => ({
    eventType: event.eventType,
    eventName: event.eventName ?? null,
    page: toId(payload, event.page),
    experiment: toId(payload, event.experiment),
    variant: toId(payload, event.variant),
    visitorId: event.visitorId,
    blockId: event.blockId ?? null,
    metadata: event.metadata ?? null,
    timestamp: event.timestamp,
    day: dayOf(event.timestamp),
    createdAt: now,
    updatedAt: now,
  }))
  // SQLite allows a limited number of bound parameters per statement.
  for (let i = 0; i < rows.length; i += 500) {
    await db.drizzle.insert(db.tables.analytics_events).values(rows.slice(i, i + 500))
  }
}
