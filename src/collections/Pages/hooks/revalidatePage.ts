import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Page } from '@/payload-types'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'

export const revalidatePage: CollectionAfterChangeHook<Page> = ({ doc, previousDoc, req }) => {
  const tags = [cacheTags.pages, cacheTags.page(doc.slug)]
  if (previousDoc?.slug && previousDoc.slug !== doc.slug)
    tags.push(cacheTags.page(previousDoc.slug))
  revalidateTags(tags, req)
  return doc
}

export const revalidateDeletedPage: CollectionAfterDeleteHook<Page> = ({ doc, req }) => {
  revalidateTags([cacheTags.pages, cacheTags.page(doc.slug)], req)
  return doc
}
