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
  /** A goal's signature: its reaching visitors are the conversions (default: the lead). */
  goal: string | null = null,
): Promise<SegmentCounts[]> {
  const dimensions = Object.keys(COLUMNS) as SegmentDimension[]
  const viaGoal = goal !== null && goal !== 'lead'
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
        }>(
          viaGoal
            ? sql`
          SELECT e.${column} AS value, e.variant_id AS variant, COUNT(*) AS n, COUNT(g.id) AS c
            FROM experiment_exposures e
            LEFT JOIN experiment_goal_visitors g
              ON g.experiment_id = e.experiment_id AND g.visitor_id = e.visitor_id
             AND g.goal = ${goal}
           WHERE e.experiment_id = ${id}
           GROUP BY e.${column}, e.variant_id`
            : sql`
          SELECT ${column} AS value, variant_id AS variant, COUNT(*) AS n,
                 COUNT(converted_day) AS c
            FROM experiment_exposures WHERE experiment_id = ${id}
           GROUP BY ${column}, variant_id`,
        )
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
      // For a goal: its visitors, then their exposures (FerretDB has no $lookup to join them).
      const goalVisitors = viaGoal
        ? (
            await mongoModels(payload)
              ['experiment-goal-visitors'].collection.aggregate<{ visitorId: string }>([
                { $match: { experiment, goal } },
                { $project: { visitorId: 1 } },
              ])
              .toArray()
          ).map((row) => row.visitorId)
        : []
      const all: SegmentCounts[] = []
      for (const dimension of dimensions) {
        if (viaGoal) {
          const group = {
            $group: {
              _id: { value: `$${COLUMNS[dimension].mongo}`, variant: '$variant' },
              n: { $sum: 1 },
            },
          }
          type Row = { _id: { value: string | null; variant: unknown }; n: number }
          const [exposed, reached] = await Promise.all([
            model.collection.aggregate<Row>([{ $match: { experiment } }, group]).toArray(),
            goalVisitors.length
              ? model.collection
                  .aggregate<Row>([
                    { $match: { experiment, visitorId: { $in: goalVisitors } } },
                    group,
                  ])
                  .toArray()
              : Promise.resolve([] as Row[]),
          ])
          const key = (row: Row) => `${row._id.value ?? null}|${idOf(row._id.variant)}`
          const reachedBy = new Map(reached.map((row) => [key(row), row.n]))
          for (const row of exposed)
            all.push({
              dimension,
              value: row._id.value ?? null,
              variant: idOf(row._id.variant),
              visitors: row.n,
              conversions: reachedBy.get(key(row)) ?? 0,
            })
          continue
        }
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
