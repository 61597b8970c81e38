import { revalidateTag } from 'next/cache'
import type { PayloadRequest } from 'payload'

import { publishInvalidation } from '@/lib/shared/invalidation'

/**
 * Expires cache tags at once: the in-process caches (content memo, assignment snapshot) through
 * the invalidation channel, and Next's data and page cache. Outside a Next.js server (seed
 * script, tests) Next has no cache and throws, which is ignored. Writers may skip Next's
 * revalidation with `context.disableRevalidate`; the in-process caches are always expired.
 */
export function revalidateTags(tags: string[], req?: PayloadRequest) {
  publishInvalidation(tags)
  if (req?.context?.disableRevalidate) return
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 })
    } catch {
      // Not inside a Next.js server: nothing cached to expire.
    }
  }
}
