import type { TaskConfig } from 'payload'

/** Nightly (03:45 server time), in the maintenance queue. */
export const pruneEventsTask: TaskConfig<{ input: object; output: { deleted: number } }> = {
  slug: 'pruneEvents',
  label: 'Delete raw events past their retention',
  schedule: [{ cron: '0 45 3 * * *', queue: 'maintenance' }],
  handler: async ({ req }) => {
    // Loaded when it runs: the config (and Payload's CLI) must not import the database layer.
    const { pruneOldEvents } = await import('@/lib/tracking/pruneOldEvents')
    const deleted = await pruneOldEvents(req.payload)
    if (deleted) console.log(`[splitpage] deleted ${deleted} raw events past their retention`)
    return { output: { deleted } }
  },
}
