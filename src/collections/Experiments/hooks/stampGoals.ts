import type { CollectionBeforeChangeHook } from 'payload'

import { goalSignature, type GoalDefinition } from '@/lib/experiments/goals'
import type { Experiment } from '@/payload-types'

type StampedGoal = GoalDefinition & { addedAt?: string | null }

/**
 * Stamps each goal with when what it counts was defined: a goal that counted the same thing
 * before (same signature) keeps its time, a new or changed one gets now. Goals from before the
 * stamp existed keep none (they count from the start).
 */
export const stampGoals: CollectionBeforeChangeHook<Experiment> = ({ data, originalDoc }) => {
  if (!data.goals) return data
  const before = new Map<string, string | null>()
  for (const goal of (originalDoc?.goals ?? []) as StampedGoal[]) {
    const signature = goalSignature(goal)
    if (signature && !before.has(signature)) before.set(signature, goal.addedAt ?? null)
  }
  const now = new Date().toISOString()
  data.goals = (data.goals as StampedGoal[]).map((goal) => {
    const signature = goalSignature(goal)
    return {
      ...goal,
      addedAt: signature && before.has(signature) ? before.get(signature)! : now,
    }
  }) as Experiment['goals']
  return data
}
