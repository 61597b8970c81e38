import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`pages_blocks_lead_form\` ADD \`form_name\` text;`)
  await db.run(sql`ALTER TABLE \`_pages_v_blocks_lead_form\` ADD \`form_name\` text;`)
  await db.run(sql`ALTER TABLE \`variants_blocks_lead_form\` ADD \`form_name\` text;`)
  await db.run(sql`ALTER TABLE \`_variants_v_blocks_lead_form\` ADD \`form_name\` text;`)
  await db.run(sql`ALTER TABLE \`experiments_goals\` ADD \`form\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`pages_blocks_lead_form\` DROP COLUMN \`form_name\`;`)
  await db.run(sql`ALTER TABLE \`_pages_v_blocks_lead_form\` DROP COLUMN \`form_name\`;`)
  await db.run(sql`ALTER TABLE \`variants_blocks_lead_form\` DROP COLUMN \`form_name\`;`)
  await db.run(sql`ALTER TABLE \`_variants_v_blocks_lead_form\` DROP COLUMN \`form_name\`;`)
  await db.run(sql`ALTER TABLE \`experiments_goals\` DROP COLUMN \`form\`;`)
}
