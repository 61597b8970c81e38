import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { canEditContent } from '@/access/roles'
import { layoutBlocks } from '@/blocks'
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
      'Alternative layouts of a page. A variant with an empty layout shows the page itself — the usual control. Edits to a variant that a running experiment serves are recorded on that experiment.',
  },
  access: {
    read: authenticated,
    create: canEditContent,
    update: canEditContent,
    delete: canEditContent,
  },
  endpoints: [variantLiveEndpoint],
  hooks: {
    beforeChange: [copyPageLayout],
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
