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
             goals.map((goal) => sql`${goal}`),
             sql`, `,
           )})
         GROUP BY goal, variant_id, day`),
    mongodb: async () => {
      const model = mongoModels(payload)['experiment-goal-visitors']
      const experiment = new model.base.Types.ObjectId(experimentId)
      const grouped = await model.collection
        .aggregate<{ _id: { goal: string; variant: unknown; day: string }; n: number }>([
          { $match: { experiment, goal: { $in: goals } } },
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
  return rows
    .map((row) => ({
      goal: row.goal,
      variant: idOf(row.variant),
      day: row.day,
      visitors: Number(row.n),
    }))
    .sort((a, b) => a.day.localeCompare(b.day))
}
