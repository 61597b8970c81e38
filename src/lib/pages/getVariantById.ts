import { unstable_cache } from 'next/cache'

import type { Variant } from '../../payload-types'
import { cacheTags } from '../cache/tags'
import { getPayloadClient } from '../payload'

/** A variant, cached across requests and expired by its `variant:<id>` tag. */
export function getVariantById(id: string): Promise<Variant | null> {
  return unstable_cache(
    async () => {
      const payload = await getPayloadClient()
      return payload.findByID({ collection: 'variants', id, depth: 1, disableErrors: true })
    },
    ['variant-by-id', id],
    { tags: [cacheTags.variants, cacheTags.variant(id), cacheTags.media], revalidate: 300 },
  )()
}
