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

export const enqueueEvent = (event: QueuedEvent) => queue.push(event)
export const takeEvents = (max: number) => queue.take(max)
export const returnEvents = (events: QueuedEvent[]) => queue.giveBack(events)
export const closeQueue = () => queue.close()
export const queueStats = () => queue.stats()
