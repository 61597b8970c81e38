/** The kinds of analytics event (the `eventType` select of the analytics-events collection). */
/** `pageview`: an exposed visitor loaded a page that is an experiment's goal (by its path). */
export const EVENT_TYPES = ['impression', 'conversion', 'click', 'custom', 'pageview'] as const
export type EventType = (typeof EVENT_TYPES)[number]

/** Serialised size limit of an event's `metadata`. */
export const EVENT_METADATA_MAX_BYTES = 2 * 1024

import { nanoid } from 'nanoid'

/** A new event's id: unique, so a redelivered event is stored and counted once. */
export const newEventId = () => nanoid()

/** An event as seen (by the proxy, the tracking route, the lead path), before it is stored. */
export type QueuedEvent = {
  /** Unique per event (newEventId), the same on every delivery of it; given when missing. */
  id?: string
  eventType: EventType
  eventName?: string | null
  page?: string | null
  experiment?: string | null
  variant?: string | null
  visitorId: string
  blockId?: string | null
  /** Clicks: the clicked block's type (set by the server from the served layout; click goals). */
  blockType?: string | null
  /** Impressions: the experiment's allocation period (split) in force when it was assigned. */
  allocationPeriod?: number | null
  metadata?: Record<string, unknown> | null
  timestamp: string
}

const dayFormats = new Map<string, Intl.DateTimeFormat>()

/**
 * The day (YYYY-MM-DD) of an ISO timestamp in the site's time zone (UTC unless set): events and
 * rollups carry it so results group by day cheaply. A zone the runtime does not know counts as UTC.
 */
export function dayOf(timestamp: string | Date, timeZone = 'UTC'): string {
  const date = new Date(timestamp)
  if (timeZone === 'UTC') return date.toISOString().slice(0, 10)
  let format = dayFormats.get(timeZone)
  if (!format) {
    if (!isTimeZone(timeZone)) return date.toISOString().slice(0, 10)
    // en-CA writes dates as YYYY-MM-DD.
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    })
    dayFormats.set(timeZone, format)
  }
  return format.format(date)
}

/** Whether the runtime knows an IANA time zone name (e.g. Europe/Berlin). */
export function isTimeZone(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0 || value.length > 64) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: value })
    return true
  } catch {
    return false
  }
}
