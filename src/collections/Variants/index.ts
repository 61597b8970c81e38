import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { canEditContent } from '@/access/roles'
import { layoutBlocks } from '@/blocks'
import { draftPreviewPath, draftVersions, previewBreakpoints } from '@/collections/livePreview'
import { guardPublication, rememberPublished } from '@/hooks/publication'
import { idOf } from '@/lib/ids'
import { copyPageLayout } from '@/collections/Variants/hooks/copyPageLayout'
import { preventDeletingUsedVariant } from '@/collections/Variants/hooks/preventDeletingUsedVariant'
import { recordContentChange } from '@/collections/Variants/hooks/recordContentChange'
import { variantLiveEndpoint } from '@/collections/Variants/liveEndpoint'
import {
  revalidateDeletedVariant,
  revalidateVariant,
} from '@/collections/Variants/hooks/revalidateVariant'

export const Variants: CollectionConfig<'variants'> = {
  slug: 'variants',
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'page', 'updatedAt'],
    group: 'Experiments',
    description:
      'Alternative layouts of a page. A variant with an empty layout shows the page itself — the usual control. Edits are drafts until published; publishing new content for a variant that a running experiment serves is recorded on that experiment.',
    livePreview: {
      // The variant rendered on its page, as its latest draft (signed-in users only).
      url: async ({ data, req }) => {
        if (data?.id == null || data.page == null) return null
        const page = await req.payload.findByID({
          collection: 'pages',
          id: idOf(data.page),
          depth: 0,
          draft: true,
          disableErrors: true,
          req,
        })
        return page?.slug ? draftPreviewPath(page.slug, data.id) : null
      },
      breakpoints: previewBreakpoints,
    },
  },
  access: {
    read: authenticated,
    create: canEditContent,
    update: canEditContent,
    delete: canEditContent,
  },
  endpoints: [variantLiveEndpoint],
  // Drafts: edits autosave as drafts and reach visitors when published.
  versions: draftVersions,
  hooks: {
    beforeOperation: [guardPublication('variants')],
    beforeChange: [copyPageLayout, rememberPublished('variants')],
    beforeDelete: [preventDeletingUsedVariant],
    afterChange: [revalidateVariant, recordContentChange],
    afterDelete: [revalidateDeletedVariant],
  },
  fields: [
    {
      name: 'liveBanner',
      type: 'ui',
      admin: { components: { Field: '/components/admin/LiveVariantBanner#LiveVariantBanner' } },
    },
    { name: 'name', type: 'text', required: true, maxLength: 100 },
    { name: 'page', type: 'relationship', relationTo: 'pages', required: true, index: true },
    {
      name: 'copyPageLayout',
      type: 'checkbox',
      label: "Copy the page's layout into this variant on save",
      defaultValue: false,
      admin: {
        description: 'Start from an editable copy of the page instead of an empty layout.',
        // Asks before replacing blocks the variant already has.
        components: { Field: '/components/admin/CopyLayoutCheckbox#CopyLayoutCheckbox' },
      },
    },
    {
      name: 'layout',
      type: 'blocks',
      blocks: layoutBlocks,
      admin: { description: "Leave empty to show the page's own layout (a control arm)." },
    },
  ],
}
