import type { CollectionBeforeChangeHook } from 'payload'

import type { Variant } from '@/payload-types'
import { withoutIds } from '@/lib/ids'

/** "Copy the page's layout": one click turns a new variant into an editable copy of its page. */
export const copyPageLayout: CollectionBeforeChangeHook<Variant> = async ({ data, req }) => {
  if (!data.copyPageLayout) return data
  const pageId = typeof data.page === 'object' && data.page ? data.page.id : data.page
  if (pageId != null) {
    const page = await req.payload.findByID({ collection: 'pages', id: pageId, depth: 0, req })
    data.layout = withoutIds(page.layout) as Variant['layout']
  }
  data.copyPageLayout = false
  return data
}
