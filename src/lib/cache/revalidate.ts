import { revalidateTag } from 'next/cache'
import type { PayloadRequest } from 'payload'

/**
 * Expires cache tags at once. Outside a Next.js server (seed script, tests) there is no cache to
 * expire and Next throws; that is expected, so it is ignored. Writers may opt out with
 * `context.disableRevalidate`.
 */
export function revalidateTags(tags: string[], req?: PayloadRequest) {
  if (req?.context?.disableRevalidate) return
  for (const tag of tags) {
    try {
      revalidateTag(tag, { expire: 0 })
    } catch {
      // Not inside a Next.js server: nothing cached to expire.
    }
  }
}
