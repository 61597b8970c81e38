import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import type { Variant } from '@/payload-types'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'

export const revalidateVariant: CollectionAfterChangeHook<Variant> = ({ doc, req }) => {
  revalidateTags([cacheTags.variants, cacheTags.variant(doc.id)], req)
  return doc
}

export const revalidateDeletedVariant: CollectionAfterDeleteHook<Variant> = ({ doc, req }) => {
  revalidateTags([cacheTags.variants, cacheTags.variant(doc.id), cacheTags.experiments], req)
  return doc
}
