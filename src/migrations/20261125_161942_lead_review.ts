import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`leads\` ADD \`suspect\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`leads\` ADD \`suspect_reason\` text;`)
  await db.run(sql`CREATE INDEX \`leads_suspect_idx\` ON \`leads\` (\`suspect\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`leads_suspect_idx\`;`)
  await db.run(sql`ALTER TABLE \`leads\` DROP COLUMN \`suspect\`;`)
  await db.run(sql`ALTER TABLE \`leads\` DROP COLUMN \`suspect_reason\`;`)
}
