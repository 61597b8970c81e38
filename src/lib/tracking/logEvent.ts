import type { QueuedEvent } from '@/lib/db/events'
import { enqueueEvent } from '@/lib/tracking/queue'

/**
 * Records an event without ever throwing into the page or route that saw it: it is queued in
 * memory and written in batches by the flusher. False when it was not queued (shutting down).
 */
export function logEvent(event: Omit<QueuedEvent, 'timestamp'> & { timestamp?: string }): boolean {
  try {
    return enqueueEvent({ ...event, timestamp: event.timestamp ?? new Date().toISOString() })
  } catch (error) {
    console.error('[splitpage] could not queue event:', error)
    return false
  }
}
