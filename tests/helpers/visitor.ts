import type { Payload } from 'payload'

import { getPayloadSecret } from '@/lib/env'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { encodePageView } from '@/lib/visitor/pageViewStamp'
import { encodeAssignments, type StickyAssignments } from '@/lib/visitor/sticky'

/**
 * The cookies a browser carries after the proxy served it a page: its id, the signed time of
 * that page view (`viewedMsAgo` before now) and, when given, its signed sticky assignments.
 */
export function visitorCookies(
  vid: string,
  {
    viewedMsAgo = 5_000,
    assignments,
  }: { viewedMsAgo?: number; assignments?: StickyAssignments } = {},
) {
  const secret = getPayloadSecret()
  return {
    vid,
    spv: encodePageView(Date.now() - viewedMsAgo, vid, secret),
    ...(assignments ? { spa: encodeAssignments(assignments, vid, secret) } : {}),
  }
}

/** Cookies of a visitor who was served the page `pageSlug` (with its variant, if it has one). */
export async function servedVisitorCookies(payload: Payload, pageSlug: string, vid: string) {
  const served = await getAssignedVariant(payload, { pageSlug, visitorId: vid })
  const assignments =
    served?.experiment && served.variant
      ? { [served.experiment.id]: String(served.variant.id) }
      : undefined
  return visitorCookies(vid, { assignments })
}
