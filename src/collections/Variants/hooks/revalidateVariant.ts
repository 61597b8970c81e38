import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Variant } from '@/payload-types'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { publicationChange } from '@/hooks/publication'

/** Only what visitors get matters: a draft save (autosave while typing) expires nothing. */
export const revalidateVariant: CollectionAfterChangeHook<Variant> = async ({ doc, req }) => {
  if (publicationChange('variants', doc, req).change === 'draft') return doc
  revalidateTags([cacheTags.variants, cacheTags.variant(doc.id)], req)
  return doc
}

export const revalidateDeletedVariant: CollectionAfterDeleteHook<Variant> = ({ doc, req }) => {
  revalidateTags([cacheTags.variants, cacheTags.variant(doc.id), cacheTags.experiments], req)
  return doc
}
