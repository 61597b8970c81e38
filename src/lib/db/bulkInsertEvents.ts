import 'server-only'

import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { asDocId } from './docId'
import { dayOf, newEventId, type QueuedEvent } from './events'
import { mongoModels, sqliteDb } from './handles'
import { applyRollups } from './rollups'
import { siteTimeZone } from './siteTimeZone'
import { insertSqliteEvents } from './sqliteEvents'
import { writeThroughThread } from './sqliteWriterThread'

/** An id kept as a string, in the adapter's id type (null stays null). */
const toId = (payload: Payload, value: string | null | undefined) =>
  value == null ? null : asDocId(payload, value)

/**
 * An event as a stored MongoDB document, with what the collection's hook would set (timestamp,
 * day) since bulk writes bypass it. (SQLite's rows: sqliteEvents.)
 */
function eventDocument(payload: Payload, event: QueuedEvent, now: Date, timeZone: string) {
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
    timestamp: new Date(event.timestamp),
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
  const timeZone = await siteTimeZone(payload)
  const withIds = events.map((event) => (event.id ? event : { ...event, id: newEventId() }))
  const unique = [...new Map(withIds.map((event) => [event.id, event])).values()]
  // On SQLite, events and rollups are written by the writer thread, in one transaction.
  const throughThread = byAdapter(payload, {
    sqlite: () => writeThroughThread(payload, unique, timeZone),
    mongodb: () => null,
  })
  if (throughThread) return throughThread
  const fresh = await insertRows(payload, unique, timeZone)
  try {
    await applyRollups(payload, fresh)
  } catch (error) {
    // The events are stored; only the precomputed counts missed them (`npm run rollups:rebuild`).
    console.error('[splitpage] could not update result rollups:', error)
  }
  return fresh.length
}

/** Inserts the events (with ids, none repeated) not stored yet; returns those. */
async function insertRows(
  payload: Payload,
  unique: QueuedEvent[],
  timeZone: string,
): Promise<QueuedEvent[]> {
  return byAdapter(payload, {
    sqlite: () => insertSqliteEvents(sqliteDb(payload), unique, timeZone),
    mongodb: async () => {
      const now = new Date()
      const docs = unique.map((event) => eventDocument(payload, event, now, timeZone))
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
