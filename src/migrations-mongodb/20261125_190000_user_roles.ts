import type { MigrateDownArgs, MigrateUpArgs } from '@payloadcms/db-mongodb'

/**
 * Accounts from before roles existed become admins, as they could do everything then (SQLite
 * does the same in its own user_roles migration).
 */
export async function up({ payload, req }: MigrateUpArgs): Promise<void> {
  await payload.update({
    collection: 'users',
    where: { role: { exists: false } },
    data: { role: 'admin' },
    overrideAccess: true,
    req,
  })
}

export async function down(_args: MigrateDownArgs): Promise<void> {
  // Roles stay: removing them would leave accounts that nobody may use.
}
