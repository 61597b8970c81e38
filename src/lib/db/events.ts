/** The kinds of analytics event (the `eventType` select of the analytics-events collection). */
export const EVENT_TYPES = ['impression', 'conversion', 'click', 'custom'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Serialised size limit of an event's `metadata`. */
export const EVENT_METADATA_MAX_BYTES = 2 * 1024

/** An event as seen (by the proxy, the tracking route, the lead path), before it is stored. */
export type QueuedEvent = {
  eventType: EventType
  eventName?: string | null
  page?: string | null
  experiment?: string | null
  variant?: string | null
  visitorId: string
  blockId?: string | null
  metadata?: Record<string, unknown> | null
  timestamp: string
}

/** The UTC day (YYYY-MM-DD) of an ISO timestamp; events carry it so results group by day cheaply. */
export function dayOf(timestamp: string | Date): string {
  return new Date(timestamp).toISOString().slice(0, 10)
}
