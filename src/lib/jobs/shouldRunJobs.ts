import type { Payload } from 'payload'

import { holdsLease } from '@/lib/shared/locks'

/**
 * A job left `processing` this long (its worker was killed mid-run: `kill -9`, a crash, a lost
 * container) is released to run again. Longer than any one run (a webhook attempt times out
 * after 10 s). A redelivered webhook keeps its delivery id, so receivers can tell.
 */
export const STALE_JOB_AFTER_MS = Number(process.env.JOBS_STALE_AFTER_MS ?? 60_000)

let lastRecovery = 0

/**
 * Payload's `shouldAutoRun`, asked on every cron tick: whether this instance runs due jobs now.
 * Off with JOBS_AUTORUN=false. With REDIS_URL only the instance holding the jobs lease runs
 * them (Payload's claim of a job is a read then an update, not atomic on every adapter, so two
 * runners could take the same job); without Redis, every instance with JOBS_AUTORUN on does.
 * The runner also releases jobs orphaned by a dead worker.
 */
export async function shouldRunJobs(payload: Payload): Promise<boolean> {
  if (process.env.JOBS_AUTORUN === 'false') return false
  if (!(await holdsLease('jobs'))) return false
  if (Date.now() - lastRecovery > 5_000) {
    lastRecovery = Date.now()
    await releaseStaleJobs(payload).catch((error) =>
      console.error('[splitpage] could not release stale jobs:', (error as Error).message),
    )
  }
  return true
}

export async function releaseStaleJobs(payload: Payload): Promise<number> {
  const cutoff = new Date(Date.now() - STALE_JOB_AFTER_MS).toISOString()
  const { docs } = await payload.update({
    collection: 'payload-jobs',
    where: {
      and: [{ processing: { equals: true } }, { updatedAt: { less_than: cutoff } }],
    },
    data: { processing: false },
    depth: 0,
  })
  if (docs.length)
    console.log(`[splitpage] released ${docs.length} jobs left running by a stopped worker`)
  return docs.length
}
