import type { Block } from 'payload'

export const CallToActionBlockConfig: Block = {
  slug: 'cta',
  interfaceName: 'CallToActionBlock',
  labels: { singular: 'Call to action', plural: 'Calls to action' },
  fields: [
    { name: 'heading', type: 'text', required: true, maxLength: 160 },
    { name: 'text', type: 'textarea', maxLength: 400 },
    {
      type: 'row',
      fields: [
        {
          name: 'buttonLabel',
          type: 'text',
          required: true,
          maxLength: 60,
          admin: { width: '50%' },
        },
        {
          name: 'buttonHref',
          type: 'text',
          required: true,
          maxLength: 500,
          admin: { width: '50%' },
        },
      ],
    },
  ],
}
