import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { mongoModels, sqliteHandle } from './handles'

export type CustomEventCount = { name: string; variant: string | null; events: number }

/**
 * Custom events (`trackEvent(name)`) of one experiment, counted per name and variant from the
 * raw events (so within the raw-event retention). One grouped query.
 */
export async function customEventCounts(
  payload: Payload,
  experimentId: string,
): Promise<CustomEventCount[]> {
  const rows = await byAdapter(payload, {
    sqlite: () =>
      sqliteHandle(payload).drizzle.all<{ name: string; variant: unknown; events: number }>(sql`
        SELECT event_name AS name, variant_id AS variant, COUNT(*) AS events
          FROM analytics_events
         WHERE experiment_id = ${Number(experimentId)} AND event_type = 'custom'
         GROUP BY event_name, variant_id
         ORDER BY events DESC
         LIMIT 200`),
    mongodb: async () => {
      const model = mongoModels(payload)['analytics-events']
      const rows = await model.collection
        .aggregate<{ _id: { name: string; variant: unknown }; events: number }>([
          {
            $match: {
              experiment: new model.base.Types.ObjectId(experimentId),
              eventType: 'custom',
            },
          },
          { $group: { _id: { name: '$eventName', variant: '$variant' }, events: { $sum: 1 } } },
          { $sort: { events: -1 } },
          { $limit: 200 },
        ])
        .toArray()
      return rows.map((row) => ({ ...row._id, events: row.events }))
    },
  })
  return rows.map((row) => ({
    name: row.name ?? '(unnamed)',
    variant: row.variant == null ? null : String(row.variant),
    events: Number(row.events),
  }))
}
