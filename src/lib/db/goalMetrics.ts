import 'server-only'

import type { Payload } from 'payload'

import { idOf } from '@/lib/ids'

/** Visitors who first reached a goal, per goal (signature), variant and day. */
export type GoalDailyMetrics = { goal: string; variant: string; day: string; visitors: number }

/**
 * An experiment's goals, per variant and day, read from daily counters (src/lib/db/rollups):
 * O(variants × days × goals), not O(visitors), read only for experiments that define goals.
 */
export async function goalMetrics(
  payload: Payload,
  experimentId: string,
  goals: string[],
): Promise<GoalDailyMetrics[]> {
  if (goals.length === 0) return []
  const others = goals.filter((goal) => goal !== 'lead')
  const [leads, counted] = await Promise.all([
    // A lead is already counted per visitor in the experiment's daily counters (its first
    // conversion, on the later of exposure and conversion): a "lead submitted" goal counts every
    // lead since the experiment started.
    goals.includes('lead')
      ? payload.find({
          collection: 'experiment-daily',
          where: {
            and: [{ experiment: { equals: experimentId } }, { conversions: { greater_than: 0 } }],
          },
          select: { variant: true, day: true, conversions: true },
          depth: 0,
          pagination: false,
          limit: 0,
        })
      : { docs: [] },
    others.length > 0
      ? payload.find({
          collection: 'experiment-goal-daily',
          where: {
            and: [{ experiment: { equals: experimentId } }, { goal: { in: others } }],
          },
          select: { variant: true, goal: true, day: true, visitors: true },
          depth: 0,
          pagination: false,
          limit: 0,
        })
      : { docs: [] },
  ])
  return [
    ...leads.docs.map((row) => ({
      goal: 'lead',
      variant: idOf(row.variant),
      day: row.day,
      visitors: Number(row.conversions ?? 0),
    })),
    ...counted.docs.map((row) => ({
      goal: row.goal,
      variant: idOf(row.variant),
      day: row.day,
      visitors: Number(row.visitors ?? 0),
    })),
  ].sort((a, b) => a.day.localeCompare(b.day))
}
