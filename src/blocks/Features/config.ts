import type { Block } from 'payload'

export const FeaturesBlockConfig: Block = {
  slug: 'features',
  interfaceName: 'FeaturesBlock',
  labels: { singular: 'Features grid', plural: 'Features grids' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 160 },
    { name: 'intro', type: 'textarea', maxLength: 400 },
    {
      name: 'items',
      type: 'array',
      minRows: 1,
      maxRows: 12,
      required: true,
      fields: [
        { name: 'title', type: 'text', required: true, maxLength: 100 },
        { name: 'description', type: 'textarea', maxLength: 400 },
        { name: 'image', type: 'upload', relationTo: 'media' },
      ],
    },
  ],
}
