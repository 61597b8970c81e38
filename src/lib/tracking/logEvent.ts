import { newEventId, type QueuedEvent } from '@/lib/db/events'
import { enqueueEvent } from '@/lib/tracking/queue'

/**
 * Records an event without ever throwing into the page or route that saw it: it gets its id and
 * is queued (the shared stream with REDIS_URL, else memory) and written in batches by the
 * flusher. Resolves to false when it was not queued (shutting down).
 */
export async function logEvent(
  event: Omit<QueuedEvent, 'timestamp'> & { timestamp?: string },
): Promise<boolean> {
  try {
    return await enqueueEvent({
      ...event,
      id: event.id ?? newEventId(),
      timestamp: event.timestamp ?? new Date().toISOString(),
    })
  } catch (error) {
    console.error('[splitpage] could not queue event:', error)
    return false
  }
}
