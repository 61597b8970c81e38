import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`pages_blocks_lead_form\` ADD \`value\` numeric;`)
  await db.run(sql`ALTER TABLE \`_pages_v_blocks_lead_form\` ADD \`value\` numeric;`)
  await db.run(sql`ALTER TABLE \`variants_blocks_lead_form\` ADD \`value\` numeric;`)
  await db.run(sql`ALTER TABLE \`_variants_v_blocks_lead_form\` ADD \`value\` numeric;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`value_total\` numeric;`)
  await db.run(sql`ALTER TABLE \`experiment_daily\` ADD \`value_sum\` numeric DEFAULT 0;`)
  await db.run(sql`ALTER TABLE \`experiment_daily\` ADD \`value_sum_squares\` numeric DEFAULT 0;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`pages_blocks_lead_form\` DROP COLUMN \`value\`;`)
  await db.run(sql`ALTER TABLE \`_pages_v_blocks_lead_form\` DROP COLUMN \`value\`;`)
  await db.run(sql`ALTER TABLE \`variants_blocks_lead_form\` DROP COLUMN \`value\`;`)
  await db.run(sql`ALTER TABLE \`_variants_v_blocks_lead_form\` DROP COLUMN \`value\`;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`value_total\`;`)
  await db.run(sql`ALTER TABLE \`experiment_daily\` DROP COLUMN \`value_sum\`;`)
  await db.run(sql`ALTER TABLE \`experiment_daily\` DROP COLUMN \`value_sum_squares\`;`)
}
