import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`analytics_events\` ADD \`event_id\` text;`)
  await db.run(
    sql`CREATE UNIQUE INDEX \`analytics_events_event_id_idx\` ON \`analytics_events\` (\`event_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`analytics_events_event_id_idx\`;`)
  await db.run(sql`ALTER TABLE \`analytics_events\` DROP COLUMN \`event_id\`;`)
}
