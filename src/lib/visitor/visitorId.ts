import { nanoid } from 'nanoid'

export const VISITOR_COOKIE = 'vid'
/** About 400 days, the longest lifetime browsers honour for a cookie. */
export const VISITOR_COOKIE_MAX_AGE = 400 * 24 * 60 * 60

const VISITOR_ID_PATTERN = /^[A-Za-z0-9_-]{21}$/

export function isValidVisitorId(value: unknown): value is string {
  return typeof value === 'string' && VISITOR_ID_PATTERN.test(value)
}

/**
 * The visitor id from a cookie value, or a fresh nanoid(21) when it is missing or malformed.
 * Pure: writing the cookie is the caller's job, which `created` tells it to do.
 */
export function getOrCreateVisitorId(cookieValue: string | null | undefined): {
  visitorId: string
  created: boolean
} {
  if (isValidVisitorId(cookieValue)) return { visitorId: cookieValue, created: false }
  return { visitorId: nanoid(21), created: true }
}
