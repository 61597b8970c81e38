import type { Payload } from 'payload'

import { bulkInsertEvents } from '../db/bulkInsertEvents'
import { queueStats, returnEvents, takeEvents, type QueuedEvent } from './queue'

export const FLUSH_BATCH = 500
export const FLUSH_INTERVAL_MS = 200

/** Writes one batch from the queue. A failed batch goes back to the front and is retried. */
export async function flushOnce(payload: Payload): Promise<number> {
  const batch = takeEvents(FLUSH_BATCH)
  if (batch.length === 0) return 0
  try {
    await bulkInsertEvents(payload, batch)
    return batch.length
  } catch (error) {
    return salvage(payload, batch, error)
  }
}

/**
 * After a failed batch: insert one by one. If none can be written the database is down, so all
 * go back to the queue; otherwise the few that fail are malformed (e.g. refer to a deleted page)
 * and are dropped rather than blocking every later event.
 */
async function salvage(payload: Payload, batch: QueuedEvent[], batchError: unknown) {
  const failed: QueuedEvent[] = []
  let written = 0
  for (const event of batch) {
    try {
      await bulkInsertEvents(payload, [event])
      written++
    } catch {
      failed.push(event)
      if (written === 0 && failed.length >= 3) break
    }
  }
  if (written === 0) {
    returnEvents(batch)
    const error = batchError as Error & { cause?: Error }
    const reason = (error?.cause?.message ?? error?.message ?? String(batchError)).slice(0, 200)
    console.error(`[splitpage] event write failed (${batch.length} events kept to retry): ${reason}`)
    return 0
  }
  if (failed.length) console.error(`[splitpage] dropped ${failed.length} malformed events`)
  return written
}

/** Writes everything queued (used on shutdown and by tests). */
export async function flushAll(payload: Payload, { maxRounds = 1000 } = {}): Promise<void> {
  for (let round = 0; round < maxRounds && queueStats().waiting > 0; round++) {
    const written = await flushOnce(payload)
    if (written === 0 && queueStats().waiting > 0) throw new Error('events could not be written')
  }
}

type Flusher = { timer: NodeJS.Timeout | null; running: Promise<void> | null }
const globalFlusher = globalThis as typeof globalThis & { __splitpageFlusher?: Flusher }
const flusher = (globalFlusher.__splitpageFlusher ??= { timer: null, running: null })

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

/** Stops the timer and waits for a batch being written, so a final flush can take over. */
export async function stopEventFlusher(): Promise<void> {
  if (flusher.timer) clearInterval(flusher.timer)
  flusher.timer = null
  await flusher.running
}
