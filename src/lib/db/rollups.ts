import 'server-only'

import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { foldIntoRollups, goalCounts, type Exposure, type RollupStore } from './eventRollups'
import type { QueuedEvent } from './events'
import { mongoModels, sqliteDb } from './handles'
import { ROLLUP_COUNTERS } from './rollupCounters'
import { siteTimeZone } from './siteTimeZone'
import { sqliteRollupStore } from './sqliteEvents'

function mongoStore(payload: Payload): RollupStore {
  // Mongoose sets createdAt / updatedAt on these writes itself (Payload's schemas have timestamps).
  const models = mongoModels(payload)
  return {
    async addExposures(rows) {
      if (rows.length === 0) return []
      const exposures = models['experiment-exposures']
      const added: Exposure[] = []
      for (const experiment of new Set(rows.map((row) => row.experiment))) {
        const mine = rows.filter((row) => row.experiment === experiment)
        const known = await exposures
          .find(
            { experiment, visitorId: { $in: mine.map((row) => row.visitorId) } },
            { visitorId: 1 },
          )
          .lean()
        const seen = new Set(known.map((doc) => doc.visitorId))
        const fresh = mine.filter((row) => !seen.has(row.visitorId))
        if (fresh.length === 0) continue
        const docs = fresh.map((row) => ({
          experiment,
          variant: row.variant,
          visitorId: row.visitorId,
          exposedDay: row.day,
          exposedAt: row.at ?? null,
          allocationPeriod: row.allocationPeriod ?? 0,
          convertedDay: null,
          device: row.segment?.device ?? null,
          source: row.segment?.source ?? null,
          visitorType: row.segment?.visitor ?? null,
        }))
        try {
          await exposures.insertMany(docs, { ordered: false })
          added.push(...fresh)
        } catch (error) {
          // Another writer recorded some of these visitors first (unique index): not new here.
          const failed = new Set(
            ((error as { writeErrors?: { index: number }[] }).writeErrors ?? []).map(
              (e) => e.index,
            ),
          )
          if ((error as { code?: number }).code !== 11000 && failed.size === 0) throw error
          added.push(...fresh.filter((_, index) => !failed.has(index)))
        }
      }
      return added
    },
    async markConverted(row) {
      const before = await models['experiment-exposures'].findOneAndUpdate(
        {
          experiment: row.experiment,
          visitorId: row.visitorId,
          variant: row.variant,
          convertedDay: null,
        },
        { $set: { convertedDay: row.day } },
        { new: false, lean: true },
      )
      return before?.exposedDay ?? null
    },
    async addCounters(increments) {
      if (increments.size === 0) return
      await models['experiment-daily'].bulkWrite(
        [...increments.values()].map((c) => ({
          updateOne: {
            filter: { experiment: c.experiment, variant: c.variant, day: c.day },
            update: {
              $inc: Object.fromEntries(ROLLUP_COUNTERS.map((counter) => [counter, c[counter]])),
            },
            upsert: true,
          },
        })),
        { ordered: true },
      )
    },
    async addValue(row, value) {
      const before = (await models['experiment-exposures'].findOneAndUpdate(
        { experiment: row.experiment, visitorId: row.visitorId, variant: row.variant },
        { $inc: { valueTotal: value } },
        { new: false, lean: true },
      )) as { exposedDay?: string; valueTotal?: number | null } | null
      return before?.exposedDay
        ? { before: Number(before.valueTotal ?? 0), exposedDay: before.exposedDay }
        : null
    },
    async addGoalVisitors(rows) {
      if (rows.length === 0) return
      const exposures = models['experiment-exposures']
      const goals = models['experiment-goal-visitors']
      for (const experiment of new Set(rows.map((row) => row.experiment))) {
        const mine = rows.filter((row) => row.experiment === experiment)
        const exposed = new Map(
          (
            (await exposures
              .find(
                { experiment, visitorId: { $in: [...new Set(mine.map((row) => row.visitorId))] } },
                { visitorId: 1, variant: 1, exposedDay: 1 },
              )
              .lean()) as unknown as { visitorId: string; variant: unknown; exposedDay: string }[]
          ).map((doc) => [doc.visitorId, doc]),
        )
        const docs = mine.flatMap((row) => {
          const exposure = exposed.get(row.visitorId)
          if (!exposure || String(exposure.variant) !== row.variant) return []
          const day = exposure.exposedDay > row.day ? exposure.exposedDay : row.day
          return [
            { experiment, variant: row.variant, goal: row.goal, visitorId: row.visitorId, day },
          ]
        })
        if (docs.length === 0) continue
        let failed = new Set<number>()
        try {
          await goals.insertMany(docs, { ordered: false })
        } catch (error) {
          // Already recorded (the unique index): a visitor counts once per goal.
          const writeErrors =
            (error as { writeErrors?: { index: number; code?: number; err?: { code?: number } }[] })
              .writeErrors ?? []
          const duplicatesOnly = writeErrors.every((e) => (e.code ?? e.err?.code) === 11000)
          if ((error as { code?: number }).code !== 11000 && !duplicatesOnly) throw error
          failed = new Set(writeErrors.map((e) => e.index))
          // A duplicate reported without the index of each failed write: count none of them.
          if (writeErrors.length === 0) failed = new Set(docs.keys())
        }
        const counts = goalCounts(docs.filter((_, index) => !failed.has(index)))
        if (counts.length === 0) continue
        await models['experiment-goal-daily'].bulkWrite(
          counts.map((count) => ({
            updateOne: {
              filter: {
                experiment: count.experiment,
                goal: count.goal,
                variant: count.variant,
                day: count.day,
              },
              update: { $inc: { visitors: count.n } },
              upsert: true,
            },
          })),
          { ordered: true },
        )
      }
    },
  }
}

const storeFor = (payload: Payload) =>
  byAdapter(payload, {
    sqlite: () => sqliteRollupStore(sqliteDb(payload)),
    mongodb: () => mongoStore(payload),
  })

/**
 * Folds newly written events into the rollups (see foldIntoRollups), in the site's time zone.
 * Called right after the events themselves are written.
 */
export async function applyRollups(payload: Payload, events: QueuedEvent[]): Promise<void> {
  await foldIntoRollups(storeFor(payload), events, await siteTimeZone(payload))
}
