import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`experiments_allocation_periods\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`started_at\` text NOT NULL,
  	\`split\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`experiments_allocation_periods_order_idx\` ON \`experiments_allocation_periods\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`experiments_allocation_periods_parent_id_idx\` ON \`experiments_allocation_periods\` (\`_parent_id\`);`)
  await db.run(sql`ALTER TABLE \`analytics_events\` ADD \`allocation_period\` numeric;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`exposed_at\` text;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` ADD \`allocation_period\` numeric DEFAULT 0;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`experiments_allocation_periods\`;`)
  await db.run(sql`ALTER TABLE \`analytics_events\` DROP COLUMN \`allocation_period\`;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`exposed_at\`;`)
  await db.run(sql`ALTER TABLE \`experiment_exposures\` DROP COLUMN \`allocation_period\`;`)
}
