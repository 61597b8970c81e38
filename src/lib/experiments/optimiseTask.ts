import type { TaskConfig } from 'payload'

/**
 * Hourly (BANDIT_CRON, six fields with seconds), in the maintenance queue: run by the one
 * instance holding the jobs lease, never from a page request.
 */
export const optimiseTrafficTask: TaskConfig<{ input: object; output: { moved: number } }> = {
  slug: 'optimiseTraffic',
  label: 'Move traffic toward the best variant (optimise mode)',
  schedule: [{ cron: process.env.BANDIT_CRON || '0 0 * * * *', queue: 'maintenance' }],
  handler: async ({ req }) => {
    // Loaded when it runs: the config (and Payload's CLI) must not import the database layer.
    const { optimiseRunningExperiments } = await import('@/lib/experiments/optimiseTraffic')
    const moves = await optimiseRunningExperiments(req.payload)
    for (const move of moves) {
      console.log(
        `[splitpage] optimiser: "${move.experiment}" ${move.from.join('/')} → ${move.to.join('/')}`,
      )
    }
    return { output: { moved: moves.length } }
  },
}
