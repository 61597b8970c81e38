import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload, Where } from 'payload'

import { maybeIdOf } from '@/lib/ids'

import { byAdapter } from './byAdapter'
import type { QueuedEvent } from './events'
import { mongoModels, sqliteHandle } from './handles'
import { applyRollups } from './rollups'

const PAGE_SIZE = 2_000

/** Removes an experiment's rollup rows (exposures, daily counters, goal visitors and counters). */
function clearRollups(payload: Payload, experimentId: string): Promise<unknown> {
  return byAdapter(payload, {
    sqlite: async () => {
      const { drizzle } = sqliteHandle(payload)
      const id = Number(experimentId)
      await drizzle.run(sql`DELETE FROM experiment_exposures WHERE experiment_id = ${id}`)
      await drizzle.run(sql`DELETE FROM experiment_daily WHERE experiment_id = ${id}`)
      await drizzle.run(sql`DELETE FROM experiment_goal_visitors WHERE experiment_id = ${id}`)
      await drizzle.run(sql`DELETE FROM experiment_goal_daily WHERE experiment_id = ${id}`)
    },
    mongodb: async () => {
      // Mongoose casts the id to the schema's type, as it did when the rows were written.
      const models = mongoModels(payload)
      await models['experiment-exposures'].deleteMany({ experiment: experimentId })
      await models['experiment-daily'].deleteMany({ experiment: experimentId })
      await models['experiment-goal-visitors'].deleteMany({ experiment: experimentId })
      await models['experiment-goal-daily'].deleteMany({ experiment: experimentId })
    },
  })
}

/** Feeds an experiment's raw events of some types, oldest first, through the rollup writer. */
async function replay(payload: Payload, experimentId: string, eventTypes: string[]) {
  const where: Where = {
    and: [{ experiment: { equals: experimentId } }, { eventType: { in: eventTypes } }],
  }
  let replayed = 0
  for (let page = 1; ; page++) {
    const result = await payload.find({
      collection: 'analytics-events',
      where,
      sort: ['timestamp', 'id'],
      depth: 0,
      limit: PAGE_SIZE,
      page,
    })
    const events: QueuedEvent[] = result.docs.map((doc) => ({
      eventType: doc.eventType,
      eventName: doc.eventName ?? null,
      blockType: doc.blockType ?? null,
      experiment: maybeIdOf(doc.experiment),
      variant: maybeIdOf(doc.variant),
      visitorId: doc.visitorId,
      allocationPeriod: doc.allocationPeriod ?? null,
      metadata: (doc.metadata as QueuedEvent['metadata']) ?? null,
      timestamp: doc.timestamp ?? doc.createdAt,
    }))
    await applyRollups(payload, events)
    replayed += events.length
    if (!result.hasNextPage) return replayed
  }
}

/**
 * Rebuilds the result rollups of one experiment (or all) from its raw events: the recount to run
 * after restoring events, after a rollup write failed (it is logged), or when new counters are
 * added. Exposures are replayed before conversions, so a visitor who was ever exposed counts as
 * converted whatever the order the events arrived in, on the later of the two days.
 * Costs what the number of events costs; results keep reading the rollups.
 */
export async function rebuildRollups(
  payload: Payload,
  experimentIds?: string[],
  { includingPruned = false } = {},
): Promise<{ experiments: number; events: number }> {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  if (settings.eventsPrunedBefore && !includingPruned) {
    throw new Error(
      `Raw events before ${settings.eventsPrunedBefore.slice(0, 10)} were deleted (event retention), so a recount from raw events would lose them from the results. Run with --including-pruned to recount anyway.`,
    )
  }
  const ids =
    experimentIds ??
    (
      await payload.find({
        collection: 'experiments',
        depth: 0,
        limit: 0,
        pagination: false,
        select: {},
      })
    ).docs.map((doc) => String(doc.id))
  let events = 0
  for (const id of ids) {
    await clearRollups(payload, id)
    events += await replay(payload, id, ['impression'])
    events += await replay(payload, id, ['conversion', 'click', 'custom'])
  }
  return { experiments: ids.length, events }
}
