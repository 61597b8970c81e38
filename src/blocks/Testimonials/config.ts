import type { Block } from 'payload'

export const TestimonialsBlockConfig: Block = {
  slug: 'testimonials',
  interfaceName: 'TestimonialsBlock',
  labels: { singular: 'Testimonials', plural: 'Testimonials' },
  fields: [
    { name: 'heading', type: 'text', maxLength: 160 },
    {
      name: 'items',
      type: 'array',
      minRows: 1,
      maxRows: 9,
      required: true,
      fields: [
        { name: 'quote', type: 'textarea', required: true, maxLength: 600 },
        { name: 'author', type: 'text', required: true, maxLength: 100 },
        { name: 'role', type: 'text', maxLength: 100 },
        { name: 'avatar', type: 'upload', relationTo: 'media' },
      ],
    },
  ],
}
