import { unstable_cache } from 'next/cache'

import type { Page } from '../../payload-types'
import { cacheTags } from '../cache/tags'
import { getPayloadClient } from '../payload'

async function findPage(slug: string): Promise<Page | null> {
  const payload = await getPayloadClient()
  const result = await payload.find({
    collection: 'pages',
    where: { slug: { equals: slug } },
    depth: 1,
    limit: 1,
    pagination: false,
  })
  return result.docs[0] ?? null
}

/**
 * A page by slug, cached across requests and expired by the `pages` / `page:<slug>` tags that
 * the Pages hooks revalidate, so a warm request does not touch the database.
 */
export function getPageBySlug(slug: string): Promise<Page | null> {
  return unstable_cache(() => findPage(slug), ['page-by-slug', slug], {
    tags: [cacheTags.pages, cacheTags.page(slug), cacheTags.media],
    revalidate: 300,
  })()
}
