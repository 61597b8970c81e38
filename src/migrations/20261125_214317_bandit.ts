import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`optimise\` integer DEFAULT false;`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`bandit_floor_percent\` numeric DEFAULT 5;`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`bandit_burn_in_visitors\` numeric DEFAULT 200;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`optimise\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`bandit_floor_percent\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`bandit_burn_in_visitors\`;`)
}
