import 'client-only'

/** Where the browser sends click and custom events. */
export const TRACK_ENDPOINT = '/api/track'

type Body = {
  type: 'click' | 'custom'
  name?: string
  blockId?: string
  path: string
  metadata?: object
}

/** Sends an event without delaying navigation: sendBeacon, else a keepalive fetch. */
export function sendTrackingBeacon(body: Omit<Body, 'path'>) {
  const json = JSON.stringify({ ...body, path: window.location.pathname })
  try {
    const blob = new Blob([json], { type: 'application/json' })
    if (navigator.sendBeacon?.(TRACK_ENDPOINT, blob)) return
  } catch {
    // Fall through to fetch.
  }
  void fetch(TRACK_ENDPOINT, {
    method: 'POST',
    body: json,
    headers: { 'content-type': 'application/json' },
    keepalive: true,
    credentials: 'same-origin',
  }).catch(() => undefined)
}

/** Records a custom event for the current visitor and page, e.g. trackEvent('video-play'). */
export function trackEvent(name: string, metadata?: Record<string, unknown>) {
  sendTrackingBeacon({ type: 'custom', name, metadata })
}
