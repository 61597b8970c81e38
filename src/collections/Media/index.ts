import type { CollectionConfig } from 'payload'

import { anyone } from '@/access/anyone'
import { cacheTags } from '@/lib/content/tags'
import { revalidateTags } from '@/lib/content/revalidate'
import { canEditContent } from '@/access/roles'

export const Media: CollectionConfig = {
  slug: 'media',
  access: { read: anyone, create: canEditContent, update: canEditContent, delete: canEditContent },
  admin: { useAsTitle: 'alt' },
  hooks: {
    // Pages embed media (depth 1), so a changed image must refresh cached pages.
    afterChange: [({ req }) => revalidateTags([cacheTags.media, cacheTags.pages], req)],
    afterDelete: [({ req }) => revalidateTags([cacheTags.media, cacheTags.pages], req)],
  },
  upload: {
    // Relative to the working directory; MEDIA_DIR lets tests and deployments put files elsewhere.
    staticDir: process.env.MEDIA_DIR || 'media',
    mimeTypes: ['image/*'],
    imageSizes: [
      { name: 'small', width: 480 },
      { name: 'medium', width: 960 },
      { name: 'large', width: 1600 },
    ],
    adminThumbnail: 'small',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 200,
      admin: { description: 'Describe the image for people using screen readers.' },
    },
  ],
}
