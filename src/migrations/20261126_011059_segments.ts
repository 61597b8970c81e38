import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`device\` text;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`source\` text;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`visitor_type\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`device\`;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`source\`;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`visitor_type\`;`)
}
