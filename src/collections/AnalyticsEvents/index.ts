import type { CollectionConfig } from 'payload'

import { authenticated } from '@/access/authenticated'
import { nobody } from '@/access/nobody'
import { maxJsonSize } from '@/fields/jsonSizeLimit'
import { unindexedUpdatedAt } from '@/fields/unindexedUpdatedAt'
import { dayOf, EVENT_METADATA_MAX_BYTES, EVENT_TYPES, newEventId } from '@/lib/db/events'

/**
 * Exposures, clicks, conversions and custom events. Written by the server only: views, clicks
 * and custom events through src/lib/tracking (batched by src/lib/db/bulkInsertEvents), the
 * conversion together with its lead by src/lib/leads/recordLead. Nobody can write through the
 * REST or GraphQL API.
 */
export const AnalyticsEvents: CollectionConfig = {
  slug: 'analytics-events',
  admin: {
    useAsTitle: 'eventType',
    defaultColumns: ['eventType', 'eventName', 'experiment', 'variant', 'visitorId', 'timestamp'],
    group: 'Results',
  },
  access: { read: authenticated, create: nobody, update: nobody, delete: nobody },
  // Every page view writes a row here, and each index is a B-tree written per row: only what is
  // read is indexed. Aggregations go by experiment, variant and type; a visitor's events (privacy
  // requests) by the visitor id first; pruning by timestamp; the admin's list by createdAt. The
  // relationships are indexed by Payload itself (SQL). Not indexed: the type alone, the visitor
  // id alone (the compound index's first column serves it) and updatedAt.
  indexes: [
    { fields: ['experiment', 'variant', 'eventType'] },
    { fields: ['visitorId', 'experiment'] },
  ],
  hooks: {
    beforeChange: [
      async ({ data, operation, req }) => {
        if (operation === 'create') {
          data.timestamp = data.timestamp ?? new Date().toISOString()
          const { siteTimeZone } = await import('@/lib/db/siteTimeZone')
          data.day = dayOf(data.timestamp, await siteTimeZone(req.payload))
          data.eventId = data.eventId ?? newEventId()
        }
        return data
      },
    ],
  },
  fields: [
    {
      name: 'eventType',
      type: 'select',
      required: true,
      options: EVENT_TYPES.map((value) => ({ label: value, value })),
    },
    {
      // Given when the event is first seen; a redelivered event (from the Redis stream after a
      // crash) has the same id and is stored, and counted in the rollups, once.
      name: 'eventId',
      type: 'text',
      unique: true,
      maxLength: 32,
      admin: { readOnly: true },
    },
    { name: 'eventName', type: 'text', maxLength: 100 },
    { name: 'page', type: 'relationship', relationTo: 'pages', index: true },
    { name: 'experiment', type: 'relationship', relationTo: 'experiments', index: true },
    { name: 'variant', type: 'relationship', relationTo: 'variants', index: true },
    { name: 'visitorId', type: 'text', required: true, maxLength: 64 },
    { name: 'blockId', type: 'text', maxLength: 64 },
    // The clicked block's type, from the layout the visitor was served (click goals count by it).
    { name: 'blockType', type: 'text', maxLength: 32 },
    {
      // Impressions only: the experiment's allocation period (split) the proxy assigned under.
      name: 'allocationPeriod',
      type: 'number',
      min: 0,
      admin: { readOnly: true },
    },
    {
      name: 'timestamp',
      type: 'date',
      index: true,
      admin: { date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'day',
      type: 'text',
      maxLength: 10,
      admin: {
        readOnly: true,
        description: 'UTC day of the timestamp (YYYY-MM-DD), for daily results.',
      },
    },
    {
      name: 'metadata',
      type: 'json',
      validate: maxJsonSize(EVENT_METADATA_MAX_BYTES, 'Event metadata'),
    },
    unindexedUpdatedAt,
  ],
}
