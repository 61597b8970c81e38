import type { TaskConfig } from 'payload'

/** Every minute, in the maintenance queue (run by the instance holding the jobs lease). */
export const notifyExperimentsTask: TaskConfig<{
  input: object
  output: { created: number; delivered: number }
}> = {
  slug: 'notifyExperiments',
  label: 'Tell the marketer about experiments (email, webhook)',
  schedule: [{ cron: process.env.NOTIFY_CRON || '30 * * * * *', queue: 'maintenance' }],
  handler: async ({ req }) => {
    // Loaded when it runs: the config (and Payload's CLI) must not import the database layer.
    const { notifyExperiments } = await import('@/lib/notifications/notify')
    return { output: await notifyExperiments(req.payload) }
  },
}
