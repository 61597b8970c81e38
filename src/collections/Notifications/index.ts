import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { nobody } from '@/access/nobody'
import { NOTIFICATION_KINDS } from '@/lib/notifications/kinds'

const delivery = (name: string, label: string) => ({
  name,
  label,
  type: 'group' as const,
  fields: [
    {
      name: 'status',
      type: 'select' as const,
      defaultValue: 'pending',
      options: ['pending', 'sent', 'failed', 'not-configured'],
    },
    { name: 'attempts', type: 'number' as const, defaultValue: 0 },
    { name: 'error', type: 'text' as const, maxLength: 500 },
    { name: 'sentAt', type: 'date' as const },
  ],
})

/**
 * What the marketer was told about an experiment, once per experiment phase and kind (the
 * `notificationId`, unique, is also the id sent with the email and the webhook post, so a
 * receiver can drop a repeat). Written and delivered by the `notifyExperiments` job only.
 */
export const Notifications: CollectionConfig = {
  slug: 'notifications',
  admin: {
    group: 'Experiments',
    useAsTitle: 'subject',
    defaultColumns: ['subject', 'experiment', 'kind', 'createdAt'],
    description:
      'Sent by email and to the webhook chosen in the site settings, never from a page view.',
  },
  access: { read: authenticated, create: nobody, update: nobody, delete: nobody },
  fields: [
    { name: 'notificationId', type: 'text', required: true, unique: true, index: true },
    { name: 'experiment', type: 'relationship', relationTo: 'experiments', index: true },
    { name: 'kind', type: 'select', required: true, options: [...NOTIFICATION_KINDS] },
    { name: 'phase', type: 'number', defaultValue: 1 },
    { name: 'subject', type: 'text', required: true, maxLength: 300 },
    { name: 'message', type: 'textarea', required: true, maxLength: 4000 },
    delivery('email', 'Email'),
    delivery('webhook', 'Webhook'),
  ],
}
