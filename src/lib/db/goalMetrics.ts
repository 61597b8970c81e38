import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { idOf } from '@/lib/ids'

import { byAdapter } from './byAdapter'
import { mongoModels, sqliteHandle } from './handles'

/** Visitors who first reached a goal, per goal (signature), variant and day. */
export type GoalDailyMetrics = { goal: string; variant: string; day: string; visitors: number }

/**
 * One grouped query over an experiment's goal visitors (one row per visitor and goal reached):
 * O(visitors who reached a goal), read only for experiments that define goals.
 */
export async function goalMetrics(
  payload: Payload,
  experimentId: string,
  goals: string[],
): Promise<GoalDailyMetrics[]> {
  if (goals.length === 0) return []
  // A lead is already kept per visitor on the exposure (its first conversion): read from there,
  // so a "lead submitted" goal counts every lead since the experiment started.
  const leads = goals.includes('lead') ? await leadMetrics(payload, experimentId) : []
  const others = goals.filter((goal) => goal !== 'lead')
  if (others.length === 0) return leads
  const rows = await byAdapter(payload, {
    sqlite: () =>
      sqliteHandle(payload).drizzle.all<{
        goal: string
        variant: unknown
        day: string
        n: number
      }>(sql`
        SELECT goal, variant_id AS variant, day, COUNT(*) AS n
          FROM experiment_goal_visitors
         WHERE experiment_id = ${Number(experimentId)}
           AND goal IN (${sql.join(
             others.map((goal) => sql`${goal}`),
             sql`, `,
           )})
         GROUP BY goal, variant_id, day`),
    mongodb: async () => {
      const model = mongoModels(payload)['experiment-goal-visitors']
      const experiment = new model.base.Types.ObjectId(experimentId)
      const grouped = await model.collection
        .aggregate<{ _id: { goal: string; variant: unknown; day: string }; n: number }>([
          { $match: { experiment, goal: { $in: others } } },
          {
            $group: {
              _id: { goal: '$goal', variant: '$variant', day: '$day' },
              n: { $sum: 1 },
            },
          },
        ])
        .toArray()
      return grouped.map(({ _id, n }) => ({ ..._id, n }))
    },
  })
  return [
    ...leads,
    ...rows.map((row) => ({
      goal: row.goal,
      variant: idOf(row.variant),
      day: row.day,
      visitors: Number(row.n),
    })),
  ].sort((a, b) => a.day.localeCompare(b.day))
}

/** Converting visitors per variant and day (the later of exposure and conversion), as `lead`. */
async function leadMetrics(payload: Payload, experimentId: string): Promise<GoalDailyMetrics[]> {
  const rows = await byAdapter(payload, {
    sqlite: () =>
      sqliteHandle(payload).drizzle.all<{ variant: unknown; day: string; n: number }>(sql`
        SELECT variant_id AS variant, MAX(converted_day, exposed_day) AS day, COUNT(*) AS n
          FROM experiment_exposures
         WHERE experiment_id = ${Number(experimentId)} AND converted_day IS NOT NULL
         GROUP BY variant_id, MAX(converted_day, exposed_day)`),
    mongodb: async () => {
      const model = mongoModels(payload)['experiment-exposures']
      const experiment = new model.base.Types.ObjectId(experimentId)
      // Grouped by both days, the later taken here (FerretDB has no $max expression in $group).
      const grouped = await model.collection
        .aggregate<{ _id: { variant: unknown; exposed: string; converted: string }; n: number }>([
          { $match: { experiment, convertedDay: { $ne: null } } },
          {
            $group: {
              _id: { variant: '$variant', exposed: '$exposedDay', converted: '$convertedDay' },
              n: { $sum: 1 },
            },
          },
        ])
        .toArray()
      return grouped.map(({ _id, n }) => ({
        variant: _id.variant,
        day: _id.converted > _id.exposed ? _id.converted : _id.exposed,
        n,
      }))
    },
  })
  return rows.map((row) => ({
    goal: 'lead',
    variant: idOf(row.variant),
    day: row.day,
    visitors: Number(row.n),
  }))
}
