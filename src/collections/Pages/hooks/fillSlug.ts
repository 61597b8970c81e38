import type { FieldHook } from 'payload'

import { slugify } from '@/collections/Pages/validateSlug'

/** Suggests a slug from the title when the editor leaves it empty. */
export const fillSlug: FieldHook = ({ value, data }) => {
  if (typeof value === 'string' && value.length > 0) return value
  return typeof data?.title === 'string' ? slugify(data.title) : value
}
