import type { Payload, TaskConfig } from 'payload'

/**
 * Ends experiments by their schedule: a running experiment whose end date has passed becomes
 * completed (its results freeze; the change is logged on it, and the marketer picks the winner
 * to promote). Without this it kept showing "running" and blocked a new experiment on its page.
 * Returns the names of the experiments it completed.
 */
export async function completeEndedExperiments(payload: Payload, now = new Date()) {
  const { docs } = await payload.find({
    collection: 'experiments',
    where: {
      and: [{ status: { equals: 'running' } }, { endDate: { less_than_equal: now.toISOString() } }],
    },
    depth: 0,
    limit: 100,
    pagination: false,
  })
  const completed: string[] = []
  for (const experiment of docs) {
    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { status: 'completed' },
      depth: 0,
    })
    completed.push(experiment.name)
  }
  return completed
}

/** Every minute, in the maintenance queue (run by the instance holding the jobs lease). */
export const completeEndedExperimentsTask: TaskConfig<{
  input: object
  output: { completed: number }
}> = {
  slug: 'completeEndedExperiments',
  label: 'Complete experiments past their end date',
  schedule: [{ cron: '0 * * * * *', queue: 'maintenance' }],
  handler: async ({ req }) => {
    const completed = await completeEndedExperiments(req.payload)
    if (completed.length)
      console.log(`[splitpage] completed by their schedule: ${completed.join(', ')}`)
    return { output: { completed: completed.length } }
  },
}
