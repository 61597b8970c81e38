import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`analytics_events_event_type_idx\`;`)
  await db.run(sql`DROP INDEX \`analytics_events_visitor_id_idx\`;`)
  await db.run(sql`DROP INDEX \`analytics_events_updated_at_idx\`;`)
  await db.run(sql`DROP INDEX \`experiment_exposures_updated_at_idx\`;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`CREATE INDEX \`analytics_events_event_type_idx\` ON \`analytics_events\` (\`event_type\`);`)
  await db.run(sql`CREATE INDEX \`analytics_events_visitor_id_idx\` ON \`analytics_events\` (\`visitor_id\`);`)
  await db.run(sql`CREATE INDEX \`analytics_events_updated_at_idx\` ON \`analytics_events\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`experiment_exposures_updated_at_idx\` ON \`experiment_exposures\` (\`updated_at\`);`)
}
