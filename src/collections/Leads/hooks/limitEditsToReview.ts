import type { CollectionBeforeChangeHook } from 'payload'

import type { Lead } from '@/payload-types'

/** What a logged-in user may change on a lead: the review flag, nothing the visitor sent. */
const REVIEWABLE = ['suspect'] as const

/**
 * Leads are written by the server; a user in the admin may only review them (un-flag or flag a
 * suspect lead). Other changes in the same save are ignored rather than stored.
 */
export const limitEditsToReview: CollectionBeforeChangeHook<Lead> = ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  if (operation !== 'update' || !req.user || !originalDoc) return data
  const reviewed: Partial<Lead> = {}
  for (const field of REVIEWABLE) if (field in data) reviewed[field] = data[field]
  return { ...originalDoc, ...reviewed }
}
