import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`qa_link_key\` text;`)
  await db.run(sql`ALTER TABLE \`leads\` ADD \`test\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`leads\` ADD \`test_note\` text;`)
  await db.run(sql`CREATE INDEX \`leads_test_idx\` ON \`leads\` (\`test\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP INDEX \`leads_test_idx\`;`)
  await db.run(sql`ALTER TABLE \`leads\` DROP COLUMN \`test\`;`)
  await db.run(sql`ALTER TABLE \`leads\` DROP COLUMN \`test_note\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`qa_link_key\`;`)
}
