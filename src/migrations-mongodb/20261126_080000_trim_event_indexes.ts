import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

type RawCollection = {
  dropIndex(name: string): Promise<unknown>
  createIndex(keys: Record<string, 1>, options: { name: string }): Promise<unknown>
}

/**
 * Indexes that nothing reads, on the collections written at every page view (each one is
 * written per inserted document). New databases never get them (the collections' configs no
 * longer ask for them); this drops them from existing ones. The SQLite migration of the same
 * name drops the same indexes there.
 */
const UNUSED = [
  ['analytics-events', 'eventType_1', { eventType: 1 }],
  ['analytics-events', 'visitorId_1', { visitorId: 1 }],
  ['analytics-events', 'updatedAt_1', { updatedAt: 1 }],
  ['experiment-exposures', 'updatedAt_1', { updatedAt: 1 }],
] as const

const collection = (args: MigrateUpArgs | MigrateDownArgs, slug: string) =>
  (args.payload.db as unknown as { collections: Record<string, { collection: RawCollection }> })
    .collections[slug].collection

export async function up(args: MigrateUpArgs): Promise<void> {
  for (const [slug, name] of UNUSED) {
    try {
      await collection(args, slug).dropIndex(name)
    } catch (error) {
      // Already gone (IndexNotFound, code 27), or a collection that was never created: nothing to drop.
      const code = (error as { code?: number }).code
      if (code !== 27 && code !== 26) throw error
    }
  }
}

export async function down(args: MigrateDownArgs): Promise<void> {
  for (const [slug, name, keys] of UNUSED) await collection(args, slug).createIndex(keys, { name })
}
