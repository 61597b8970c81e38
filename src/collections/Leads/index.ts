import type { CollectionConfig } from 'payload'

import { nobody } from '@/access/nobody'
import { maxJsonSize } from '@/fields/jsonSizeLimit'
import { exportLeadsEndpoint } from '@/collections/Leads/exportEndpoint'
import { erasePersonEndpoint, exportPersonEndpoint } from '@/collections/Leads/privacyEndpoints'
import { resendWebhookEndpoint } from '@/collections/Leads/resendWebhookEndpoint'
import { limitEditsToReview } from '@/collections/Leads/hooks/limitEditsToReview'
import { setConvertedAt } from '@/collections/Leads/hooks/setConvertedAt'
import { LEAD_FORM_DATA_MAX_BYTES } from '@/lib/leads/limits'
import { canHandleLeads, isAdmin } from '@/access/roles'

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/

/**
 * People who filled in a lead form, with the page, experiment and variant that converted them.
 * Created only by the lead form's server action; never readable or creatable by the public.
 */
export const Leads: CollectionConfig = {
  slug: 'leads',
  admin: {
    useAsTitle: 'email',
    defaultColumns: ['email', 'name', 'page', 'experiment', 'variant', 'suspect', 'convertedAt'],
    group: 'Results',
    components: {
      beforeListTable: [
        '/components/admin/ExportLeadsButton#ExportLeadsButton',
        '/components/admin/PrivacyTools#PrivacyTools',
      ],
    },
  },
  endpoints: [
    exportLeadsEndpoint,
    resendWebhookEndpoint,
    exportPersonEndpoint,
    erasePersonEndpoint,
  ],
  // Users may update only the review flag (limitEditsToReview); everything else is the server's.
  access: { read: canHandleLeads, create: nobody, update: canHandleLeads, delete: isAdmin },
  // The webhook is sent by recordLead after the lead's transaction commits, not from a hook.
  hooks: { beforeChange: [limitEditsToReview, setConvertedAt] },
  fields: [
    {
      name: 'email',
      type: 'email',
      required: true,
      index: true,
      validate: (value: string | null | undefined) =>
        typeof value === 'string' && value.length <= 254 && EMAIL.test(value)
          ? true
          : 'Enter a valid email address.',
    },
    { name: 'name', type: 'text', maxLength: 200 },
    { name: 'page', type: 'relationship', relationTo: 'pages', index: true },
    { name: 'experiment', type: 'relationship', relationTo: 'experiments', index: true },
    { name: 'variant', type: 'relationship', relationTo: 'variants', index: true },
    { name: 'visitorId', type: 'text', index: true, maxLength: 64 },
    {
      name: 'formData',
      type: 'json',
      admin: { components: { Field: '/components/admin/FormDataTable#FormDataTable' } },
      validate: maxJsonSize(LEAD_FORM_DATA_MAX_BYTES, 'Form data'),
    },
    {
      type: 'row',
      fields: [
        {
          name: 'suspect',
          type: 'checkbox',
          defaultValue: false,
          index: true,
          admin: {
            description:
              'Possibly not a person (no page view before the submission, or a bot). Suspect leads are no conversion; untick after review.',
          },
        },
        { name: 'suspectReason', type: 'text', maxLength: 200, admin: { readOnly: true } },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'test',
          type: 'checkbox',
          defaultValue: false,
          index: true,
          admin: {
            readOnly: true,
            description:
              'Sent through a QA link: a test, never a conversion, not sent to the webhook.',
          },
        },
        { name: 'testNote', type: 'text', maxLength: 300, admin: { readOnly: true } },
      ],
    },
    {
      name: 'convertedAt',
      type: 'date',
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      type: 'row',
      fields: [
        { name: 'consentGiven', type: 'checkbox', defaultValue: false },
        { name: 'consentAt', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'utmSource', type: 'text', maxLength: 200 },
        { name: 'utmMedium', type: 'text', maxLength: 200 },
        { name: 'utmCampaign', type: 'text', maxLength: 200 },
      ],
    },
    {
      name: 'idempotencyKey',
      type: 'text',
      unique: true,
      index: true,
      admin: { hidden: true },
    },
    {
      name: 'webhook',
      type: 'group',
      admin: {
        description:
          'Delivery of this lead to the configured webhook: retried for about 4 hours, surviving restarts.',
      },
      fields: [
        {
          name: 'status',
          type: 'select',
          defaultValue: 'not-configured',
          options: ['not-configured', 'pending', 'delivered', 'failed'].map((value) => ({
            label: value,
            value,
          })),
        },
        { name: 'attempts', type: 'number', defaultValue: 0 },
        { name: 'lastError', type: 'text' },
        { name: 'deliveredAt', type: 'date' },
        {
          name: 'deliveryId',
          type: 'text',
          admin: { description: 'Sent as X-Splitpage-Delivery; the same on every retry.' },
        },
        {
          name: 'resend',
          type: 'ui',
          admin: {
            components: { Field: '/components/admin/ResendWebhookButton#ResendWebhookButton' },
          },
        },
      ],
    },
  ],
}
