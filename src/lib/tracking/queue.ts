/**
 * The in-process buffer between code that sees an event (the proxy, the tracking route) and the
 * flusher that writes events in batches. It lives on globalThis so the proxy can hand events to
 * the server without importing Payload. Nothing here touches the database.
 */
export type QueuedEvent = {
  eventType: 'impression' | 'conversion' | 'click' | 'custom'
  eventName?: string | null
  page?: string | null
  experiment?: string | null
  variant?: string | null
  visitorId: string
  blockId?: string | null
  metadata?: Record<string, unknown> | null
  timestamp: string
}

type EventQueue = { events: QueuedEvent[]; dropped: number; closed: boolean }

/** Beyond this many waiting events (the database is down for long), the oldest are dropped. */
export const MAX_QUEUED_EVENTS = 100_000

const globalQueue = globalThis as typeof globalThis & { __splitpageEventQueue?: EventQueue }
const queue = (globalQueue.__splitpageEventQueue ??= { events: [], dropped: 0, closed: false })

/** Queues an event; false once the queue is closed for shutdown (the caller should say so). */
export function enqueueEvent(event: QueuedEvent): boolean {
  if (queue.closed) return false
  queue.events.push(event)
  if (queue.events.length > MAX_QUEUED_EVENTS) {
    queue.events.shift()
    queue.dropped++
  }
  return true
}

/** On shutdown: accept nothing more, so a final flush writes everything that was accepted. */
export function closeQueue() {
  queue.closed = true
}

/** Takes up to `max` events off the front of the queue. */
export function takeEvents(max: number): QueuedEvent[] {
  return queue.events.splice(0, max)
}

/** Puts events back at the front after a failed write, so they are retried in order. */
export function returnEvents(events: QueuedEvent[]) {
  queue.events.unshift(...events)
  const excess = queue.events.length - MAX_QUEUED_EVENTS
  if (excess > 0) {
    queue.events.splice(0, excess)
    queue.dropped += excess
  }
}

export function queueStats() {
  return { waiting: queue.events.length, dropped: queue.dropped }
}
