import { revalidateTag } from 'next/cache'
import type { PayloadRequest } from 'payload'

import { markSnapshotStale } from '../experiments/snapshotStore'
import { invalidateMemo } from './memo'
import { cacheTags } from './tags'

/** Tags whose change alters which experiment serves which page. */
const ASSIGNMENT_TAGS: string[] = [cacheTags.experiments, cacheTags.pages, cacheTags.settings]

/**
 * Expires cache tags at once: Next's data and page cache, the in-process memo, and (for
 * experiment, page and settings changes) the assignment configuration. Outside a Next.js server
 * (seed script, tests) Next has no cache and throws, which is ignored. Writers may skip Next's
 * revalidation with `context.disableRevalidate`; the in-process caches are always expired.
 */
export function revalidateTags(tags: string[], req?: PayloadRequest) {
  for (const tag of tags) invalidateMemo(tag)
  if (tags.some((tag) => ASSIGNMENT_TAGS.includes(tag))) markSnapshotStale()
  if (req?.context?.disableRevalidate) return
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 })
    } catch {
      // Not inside a Next.js server: nothing cached to expire.
    }
  }
}
