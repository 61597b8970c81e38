import { unstable_cache } from 'next/cache'

import { cacheTags } from '../cache/tags'
import { getPayloadClient } from '../payload'

/** Site settings for rendering, cached and expired by the `site-settings` tag. */
export const getSiteSettings = unstable_cache(
  async () => {
    try {
      const payload = await getPayloadClient()
      return await payload.findGlobal({ slug: 'site-settings', depth: 0 })
    } catch {
      // Rendering must not fail because settings cannot be read: defaults apply.
      return { consentMode: false }
    }
  },
  ['site-settings'],
  { tags: [cacheTags.settings], revalidate: 300 },
)
