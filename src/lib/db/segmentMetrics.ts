import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import type { SegmentDimension } from '@/lib/experiments/segments'
import { idOf } from '@/lib/ids'

import { byAdapter } from './byAdapter'
import { mongoModels, sqliteHandle } from './handles'

/** Exposed and converted visitors per segment value and variant (null: not recorded). */
export type SegmentCounts = {
  dimension: SegmentDimension
  value: string | null
  variant: string
  visitors: number
  conversions: number
}

const COLUMNS: Record<SegmentDimension, { sqlite: string; mongo: string }> = {
  device: { sqlite: 'device', mongo: 'device' },
  source: { sqlite: 'source', mongo: 'source' },
  visitor: { sqlite: 'visitor_type', mongo: 'visitorType' },
  day: { sqlite: 'exposed_day', mongo: 'exposedDay' },
}

/**
 * One grouped query per dimension over the experiment's exposures (one row per visitor, with
 * the segment recorded at first exposure): O(visitors), read only when the Results tab asks.
 */
export async function segmentMetrics(
  payload: Payload,
  experimentId: string,
): Promise<SegmentCounts[]> {
  const dimensions = Object.keys(COLUMNS) as SegmentDimension[]
  const rows = await byAdapter(payload, {
    sqlite: async () => {
      const db = sqliteHandle(payload).drizzle
      const id = Number(experimentId)
      const all: SegmentCounts[] = []
      for (const dimension of dimensions) {
        const column = sql.raw(COLUMNS[dimension].sqlite)
        const grouped = await db.all<{
          value: string | null
          variant: unknown
          n: number
          c: number
        }>(sql`
          SELECT ${column} AS value, variant_id AS variant, COUNT(*) AS n,
                 COUNT(converted_day) AS c
            FROM experiment_exposures WHERE experiment_id = ${id}
           GROUP BY ${column}, variant_id`)
        for (const row of grouped)
          all.push({
            dimension,
            value: row.value,
            variant: idOf(row.variant),
            visitors: Number(row.n),
            conversions: Number(row.c),
          })
      }
      return all
    },
    mongodb: async () => {
      const model = mongoModels(payload)['experiment-exposures']
      const experiment = new model.base.Types.ObjectId(experimentId)
      const all: SegmentCounts[] = []
      for (const dimension of dimensions) {
        // Grouped with the conversion day and summed here (FerretDB's $group takes field paths).
        const grouped = await model.collection
          .aggregate<{
            _id: { value: string | null; variant: unknown; converted: string | null }
            n: number
          }>([
            { $match: { experiment } },
            {
              $group: {
                _id: {
                  value: `$${COLUMNS[dimension].mongo}`,
                  variant: '$variant',
                  converted: '$convertedDay',
                },
                n: { $sum: 1 },
              },
            },
          ])
          .toArray()
        const merged = new Map<string, SegmentCounts>()
        for (const { _id, n } of grouped) {
          const value = _id.value ?? null
          const variant = idOf(_id.variant)
          const key = `${value}|${variant}`
          const entry = merged.get(key) ?? {
            dimension,
            value,
            variant,
            visitors: 0,
            conversions: 0,
          }
          entry.visitors += n
          if (_id.converted) entry.conversions += n
          merged.set(key, entry)
        }
        all.push(...merged.values())
      }
      return all
    },
  })
  return rows
}
