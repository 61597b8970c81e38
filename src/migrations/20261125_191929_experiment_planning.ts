import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`baseline_conversion_rate\` numeric DEFAULT 5;`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`minimum_visitors_per_arm\` numeric DEFAULT 100;`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`minimum_conversions\` numeric DEFAULT 10;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`baseline_conversion_rate\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`minimum_visitors_per_arm\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`minimum_conversions\`;`)
}
