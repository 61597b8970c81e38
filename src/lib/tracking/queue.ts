import type { QueuedEvent } from '@/lib/db/events'
import { memoryEventQueue } from '@/lib/shared/eventQueue'
import { processSingleton } from '@/lib/shared/processSingleton'

/** Beyond this many waiting events (the database is down for long), the oldest are dropped. */
export const MAX_QUEUED_EVENTS = 100_000

/**
 * The process's event queue: the proxy and the tracking route put events in without importing
 * Payload; the flusher writes them in batches. Nothing here touches the database.
 */
const queue = processSingleton('eventQueue', () => memoryEventQueue<QueuedEvent>(MAX_QUEUED_EVENTS))

/** A durable log shared by the instances (the Redis stream), set by the server runtime. */
export type DurableEventLog = { append(event: QueuedEvent): Promise<unknown> }
const durable = processSingleton('durableEventLog', () => ({
  log: null as DurableEventLog | null,
  failingSince: 0,
  closed: false,
}))

export function setDurableEventLog(log: DurableEventLog | null) {
  durable.log = log
}

/**
 * Queues an event; resolves once it is kept. With a durable log (REDIS_URL) that means appended
 * to it, so an answered request's event survives a crash of this process. When the log cannot
 * take it (Redis away), the event goes to this process's memory queue instead (the loss window
 * of a single instance) and the switch is logged once per outage. False once shutting down.
 */
export async function enqueueEvent(event: QueuedEvent): Promise<boolean> {
  if (durable.closed) return false
  const log = durable.log
  if (log) {
    try {
      await log.append(event)
      if (durable.failingSince) {
        console.log(
          `[splitpage] events go to the shared stream again after ${Date.now() - durable.failingSince} ms`,
        )
        durable.failingSince = 0
      }
      return true
    } catch (error) {
      if (!durable.failingSince) {
        durable.failingSince = Date.now()
        console.error(
          `[splitpage] shared event stream unavailable, keeping events in this process: ${(error as Error).message}`,
        )
      }
    }
  }
  return queue.push(event)
}

export const takeEvents = (max: number) => queue.take(max)
export const returnEvents = (events: QueuedEvent[]) => queue.giveBack(events)
export const closeQueue = () => {
  durable.closed = true
  queue.close()
}
export const queueStats = () => queue.stats()
