import type { Block } from 'payload'

export const HeroBlockConfig: Block = {
  slug: 'hero',
  interfaceName: 'HeroBlock',
  labels: { singular: 'Hero', plural: 'Heroes' },
  fields: [
    { name: 'eyebrow', type: 'text', maxLength: 80 },
    { name: 'headline', type: 'text', required: true, maxLength: 160 },
    { name: 'subheadline', type: 'textarea', maxLength: 400 },
    {
      type: 'row',
      fields: [
        { name: 'ctaLabel', type: 'text', maxLength: 60, admin: { width: '50%' } },
        {
          name: 'ctaHref',
          type: 'text',
          maxLength: 500,
          admin: {
            width: '50%',
            description: 'A path such as #signup or /pricing, or a full URL.',
          },
        },
      ],
    },
    { name: 'image', type: 'upload', relationTo: 'media' },
  ],
}
