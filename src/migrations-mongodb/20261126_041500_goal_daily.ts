import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

type RawCollection = {
  aggregate(pipeline: object[]): { toArray(): Promise<unknown[]> }
  bulkWrite(operations: object[], options: object): Promise<unknown>
  deleteMany(filter: object): Promise<unknown>
}
type Grouped = {
  _id: { experiment: unknown; goal: string; variant: unknown; day: string }
  n: number
}

/**
 * Daily goal counters (experiment-goal-daily) from the goal visitors already recorded, so results
 * read the same numbers from the counters as they did from the visitors (SQLite does the same in
 * its goal_daily migration). Upserts with $set: running it twice gives the same counters.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const collections = (
    payload.db as unknown as { collections: Record<string, { collection: RawCollection }> }
  ).collections
  const grouped = (await collections['experiment-goal-visitors'].collection
    .aggregate([
      {
        $group: {
          _id: { experiment: '$experiment', goal: '$goal', variant: '$variant', day: '$day' },
          n: { $sum: 1 },
        },
      },
    ])
    .toArray()) as Grouped[]
  const now = new Date()
  for (let i = 0; i < grouped.length; i += 1000) {
    await collections['experiment-goal-daily'].collection.bulkWrite(
      grouped.slice(i, i + 1000).map(({ _id, n }) => ({
        updateOne: {
          filter: _id,
          update: { $set: { visitors: n, updatedAt: now }, $setOnInsert: { createdAt: now } },
          upsert: true,
        },
      })),
      { ordered: false },
    )
  }
}

export async function down({ payload }: MigrateDownArgs): Promise<void> {
  const collections = (
    payload.db as unknown as { collections: Record<string, { collection: RawCollection }> }
  ).collections
  await collections['experiment-goal-daily'].collection.deleteMany({})
}
