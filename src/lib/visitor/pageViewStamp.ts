import { createHmac } from 'node:crypto'

/** Cookie with the signed time of the visitor's latest page view (lead forms' minimum-time check). */
export const PAGE_VIEW_COOKIE = 'spv'

const sign = (time: number, visitorId: string, secret: string) =>
  createHmac('sha256', secret).update(`view|${visitorId}|${time}`).digest('base64url').slice(0, 16)

export function encodePageView(time: number, visitorId: string, secret: string) {
  return `${time}.${sign(time, visitorId, secret)}`
}

/** The signed page-view time, or null when absent, malformed or not this visitor's. */
export function decodePageView(cookie: string | undefined, visitorId: string, secret: string) {
  const match = /^(\d{13})\.([A-Za-z0-9_-]{16})$/.exec(cookie ?? '')
  if (!match) return null
  const time = Number(match[1])
  return sign(time, visitorId, secret) === match[2] ? time : null
}
