import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`site_settings\` ADD \`event_retention_days\` numeric DEFAULT 400;`)
  await db.run(sql`ALTER TABLE \`site_settings\` ADD \`events_pruned_before\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`site_settings\` DROP COLUMN \`event_retention_days\`;`)
  await db.run(sql`ALTER TABLE \`site_settings\` DROP COLUMN \`events_pruned_before\`;`)
}
