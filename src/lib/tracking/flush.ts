import 'server-only'

import type { Payload } from 'payload'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { isTransientDatabaseError } from '@/lib/db/transientErrors'
import type { QueuedEvent } from '@/lib/db/events'
import { processSingleton } from '@/lib/shared/processSingleton'
import { queueStats, returnEvents, takeEvents } from '@/lib/tracking/queue'

export const FLUSH_BATCH = 500
export const FLUSH_INTERVAL_MS = 200

/** Writes one batch from the queue. A failed batch goes back to the front and is retried. */
export async function flushOnce(payload: Payload): Promise<number> {
  const batch = takeEvents(FLUSH_BATCH)
  if (batch.length === 0) return 0
  const { written, keep } = await storeBatch(payload, batch)
  if (keep.length) returnEvents(keep)
  return written
}

/**
 * Stores a batch: one multi-row write, or, after a failure, one by one. When the database is
 * away (a lock, a lost connection) or refuses everything, the unwritten events are returned in
 * `keep`, none dropped; otherwise the few that fail are malformed (e.g. refer to a deleted
 * page) and are dropped rather than blocking every later event. `written` counts the events
 * handled (stored now, or found stored already).
 */
export async function storeBatch(
  payload: Payload,
  batch: QueuedEvent[],
): Promise<{ written: number; keep: QueuedEvent[] }> {
  try {
    await bulkInsertEvents(payload, batch)
    outage.recovered(batch.length)
    return { written: batch.length, keep: [] }
  } catch (batchError) {
    const failed: QueuedEvent[] = []
    let written = 0
    for (const [index, event] of batch.entries()) {
      try {
        await bulkInsertEvents(payload, [event])
        written++
      } catch (error) {
        const refusingAll = written === 0 && failed.length >= 2
        if (isTransientDatabaseError(error) || refusingAll) {
          outage.failed(
            batch.length - written,
            isTransientDatabaseError(error) ? error : batchError,
          )
          return { written, keep: [...failed, ...batch.slice(index)] }
        }
        failed.push(event)
      }
    }
    if (written > 0) outage.recovered(written)
    if (failed.length) console.error(`[splitpage] dropped ${failed.length} malformed events`)
    return { written, keep: [] }
  }
}

/**
 * One log line when event writes start failing, one every 30 s while they keep failing, and one
 * when they work again (with how long it took), instead of a line per attempt.
 */
const outage = processSingleton('eventWriteOutage', () => {
  let since = 0
  let loggedAt = 0
  return {
    failed(waiting: number, error: unknown) {
      const now = Date.now()
      if (since && now - loggedAt < 30_000) return
      if (!since) since = now
      loggedAt = now
      const cause = error as Error & { cause?: Error }
      const reason = (cause?.cause?.message ?? cause?.message ?? String(error)).slice(0, 200)
      console.error(
        `[splitpage] event writes failing for ${now - since} ms (${waiting}+ events kept to retry): ${reason}`,
      )
    },
    recovered(written: number) {
      if (!since) return
      console.log(
        `[splitpage] event writes recovered after ${Date.now() - since} ms (${written} written)`,
      )
      since = 0
    },
  }
})

/** Writes everything queued (used on shutdown and by tests). */
export async function flushAll(payload: Payload, { maxRounds = 1000 } = {}): Promise<void> {
  for (let round = 0; round < maxRounds && queueStats().waiting > 0; round++) {
    const written = await flushOnce(payload)
    if (written === 0 && queueStats().waiting > 0) throw new Error('events could not be written')
  }
}

type Flusher = { timer: NodeJS.Timeout | null; running: Promise<void> | null }
const flusher = processSingleton<Flusher>('eventFlusher', () => ({ timer: null, running: null }))

/** Flushes one batch at a time on a timer (back-to-back flushes made many tiny batches). */
export function startEventFlusher(getPayload: () => Promise<Payload>) {
  if (flusher.timer) return
  flusher.timer = setInterval(() => {
    if (flusher.running || queueStats().waiting === 0) return
    flusher.running = (async () => {
      try {
        const payload = await getPayload()
        while ((await flushOnce(payload)) === FLUSH_BATCH) {
          // A full batch means more are waiting: keep going, one batch at a time.
        }
      } catch (error) {
        console.error('[splitpage] event flusher:', (error as Error)?.message)
      } finally {
        flusher.running = null
      }
    })()
  }, FLUSH_INTERVAL_MS)
  flusher.timer.unref()
}

/** Whether a batch is being written right now (taken off the queue, not yet stored). */
export function isFlushing(): boolean {
  return flusher.running !== null
}

/** Stops the timer and waits for a batch being written, so a final flush can take over. */
export async function stopEventFlusher(): Promise<void> {
  if (flusher.timer) clearInterval(flusher.timer)
  flusher.timer = null
  await flusher.running
}
