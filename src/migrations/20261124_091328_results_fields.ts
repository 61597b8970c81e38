import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`experiments_change_log\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`at\` text NOT NULL,
  	\`kind\` text NOT NULL,
  	\`note\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`experiments_change_log_order_idx\` ON \`experiments_change_log\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`experiments_change_log_parent_id_idx\` ON \`experiments_change_log\` (\`_parent_id\`);`,
  )
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`sequential_testing\` integer DEFAULT true;`)
  await db.run(
    sql`ALTER TABLE \`experiments\` ADD \`minimum_detectable_effect\` numeric DEFAULT 10;`,
  )
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`winner_id\` integer REFERENCES variants(id);`)
  await db.run(sql`CREATE INDEX \`experiments_winner_idx\` ON \`experiments\` (\`winner_id\`);`)
  await db.run(sql`ALTER TABLE \`analytics_events\` ADD \`day\` text;`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`experiments_change_log\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_experiments\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`page_id\` integer NOT NULL,
  	\`hypothesis\` text,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`start_date\` text,
  	\`end_date\` text,
  	\`hash_seed\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_experiments\`("id", "name", "page_id", "hypothesis", "status", "start_date", "end_date", "hash_seed", "updated_at", "created_at") SELECT "id", "name", "page_id", "hypothesis", "status", "start_date", "end_date", "hash_seed", "updated_at", "created_at" FROM \`experiments\`;`,
  )
  await db.run(sql`DROP TABLE \`experiments\`;`)
  await db.run(sql`ALTER TABLE \`__new_experiments\` RENAME TO \`experiments\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`experiments_page_idx\` ON \`experiments\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`experiments_status_idx\` ON \`experiments\` (\`status\`);`)
  await db.run(
    sql`CREATE INDEX \`experiments_updated_at_idx\` ON \`experiments\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`experiments_created_at_idx\` ON \`experiments\` (\`created_at\`);`,
  )
  await db.run(sql`ALTER TABLE \`analytics_events\` DROP COLUMN \`day\`;`)
}
