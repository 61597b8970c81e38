import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

type RawCollection = { updateMany(filter: object, update: object): Promise<unknown> }

/**
 * Drafts for pages and variants: every page and variant from before then was public, so it is
 * published (SQLite does the same in its own drafts migration). Written straight to the
 * collections: a Payload update would run the save hooks and version every document.
 */
export async function up({ payload }: MigrateUpArgs): Promise<void> {
  const collections = (
    payload.db as unknown as { collections: Record<string, { collection: RawCollection }> }
  ).collections
  for (const slug of ['pages', 'variants']) {
    await collections[slug].collection.updateMany(
      { _status: { $exists: false } },
      { $set: { _status: 'published' } },
    )
  }
}

export async function down(_args: MigrateDownArgs): Promise<void> {
  // The status stays: without drafts Payload ignores it.
}
