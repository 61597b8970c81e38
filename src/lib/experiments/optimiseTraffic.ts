import 'server-only'

import type { Payload } from 'payload'

import { OPTIMISER_CONTEXT } from '@/lib/experiments/allocationPeriods'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { banditWeights, BANDIT_DEFAULTS } from '@/lib/stats/bandit'
import type { Experiment } from '@/payload-types'

export type OptimiserMove = { experiment: string; from: number[]; to: number[] }

/**
 * Optimise mode's update: for each running experiment with `optimise` on, the next split from
 * Thompson sampling on the counts the results use (period-weighted, so earlier splits do not bias
 * it), with the experiment's floor and burn-in. Saved like a marketer's split change: a new
 * allocation period and a change-log entry ("Optimiser moved traffic: …"); visitors keep their
 * variant. Nothing is saved during the burn-in or when the split would not change.
 */
export async function optimiseRunningExperiments(payload: Payload): Promise<OptimiserMove[]> {
  const { docs } = await payload.find({
    collection: 'experiments',
    where: { and: [{ status: { equals: 'running' } }, { optimise: { equals: true } }] },
    depth: 1,
    limit: 100,
    pagination: false,
  })
  const moves: OptimiserMove[] = []
  for (const experiment of docs as Experiment[]) {
    const rows = experiment.variants ?? []
    if (rows.length < 2) continue
    const results = await getExperimentResults(payload, experiment)
    const decision = banditWeights(results.allocation.tested, {
      floorPercent: experiment.banditFloorPercent ?? BANDIT_DEFAULTS.floorPercent,
      burnInVisitors: experiment.banditBurnInVisitors ?? BANDIT_DEFAULTS.burnInVisitors,
    })
    const from = rows.map((row) => row.trafficPercentage)
    if (decision.reason === 'burn-in' || decision.weights.every((w, i) => w === from[i])) continue
    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: {
        variants: rows.map((row, i) => ({
          variant: typeof row.variant === 'object' ? row.variant.id : row.variant,
          trafficPercentage: decision.weights[i],
        })),
      },
      depth: 0,
      context: { [OPTIMISER_CONTEXT]: true },
    })
    moves.push({ experiment: experiment.name, from, to: decision.weights })
  }
  return moves
}
