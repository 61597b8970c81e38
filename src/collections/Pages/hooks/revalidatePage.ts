import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Page } from '@/payload-types'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { publicationChange } from '@/hooks/publication'

/** Only what visitors get matters: a draft save (autosave while typing) expires nothing. */
export const revalidatePage: CollectionAfterChangeHook<Page> = async ({ doc, req }) => {
  const { change, before } = publicationChange('pages', doc, req)
  if (change === 'draft') return doc
  const tags = [cacheTags.pages, cacheTags.page(doc.slug)]
  if (typeof before?.slug === 'string' && before.slug !== doc.slug)
    tags.push(cacheTags.page(before.slug))
  revalidateTags(tags, req)
  return doc
}

export const revalidateDeletedPage: CollectionAfterDeleteHook<Page> = ({ doc, req }) => {
  revalidateTags([cacheTags.pages, cacheTags.page(doc.slug)], req)
  return doc
}
