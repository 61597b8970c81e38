import { createHmac, timingSafeEqual } from 'node:crypto'

/** Cookie holding the variants a visitor was given, so a later change of split cannot move them. */
export const ASSIGNMENTS_COOKIE = 'spa'

export type StickyAssignments = Record<string, string>

const ID = /^[A-Za-z0-9_-]{1,40}$/
const MAX_ENTRIES = 20

function sign(body: string, visitorId: string, secret: string) {
  return createHmac('sha256', secret)
    .update(`${visitorId}|${body}`)
    .digest('base64url')
    .slice(0, 22)
}

/**
 * Serialises experiment → variant pairs as `e1:v1,e2:v2.<signature>`. The signature binds them
 * to the visitor id, so a copied or edited cookie is ignored rather than trusted.
 */
export function encodeAssignments(
  assignments: StickyAssignments,
  visitorId: string,
  secret: string,
): string {
  const body = Object.entries(assignments)
    .filter(([experiment, variant]) => ID.test(experiment) && ID.test(variant))
    .slice(-MAX_ENTRIES)
    .map(([experiment, variant]) => `${experiment}:${variant}`)
    .join(',')
  return `${body}.${sign(body, visitorId, secret)}`
}

/** Reads the cookie back; anything malformed or not signed for this visitor gives {}. */
export function decodeAssignments(
  cookie: string | null | undefined,
  visitorId: string,
  secret: string,
): StickyAssignments {
  if (!cookie || cookie.length > 2000) return {}
  const dot = cookie.lastIndexOf('.')
  if (dot < 0) return {}
  const body = cookie.slice(0, dot)
  const given = Buffer.from(cookie.slice(dot + 1))
  const expected = Buffer.from(sign(body, visitorId, secret))
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return {}
  const assignments: StickyAssignments = {}
  for (const pair of body ? body.split(',') : []) {
    const [experiment, variant, extra] = pair.split(':')
    if (extra !== undefined || !ID.test(experiment ?? '') || !ID.test(variant ?? '')) return {}
    assignments[experiment] = variant
  }
  return assignments
}
