import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`phase\` numeric DEFAULT 1;`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`previous_phase_id\` integer REFERENCES experiments(id);`)
  await db.run(sql`CREATE INDEX \`experiments_previous_phase_idx\` ON \`experiments\` (\`previous_phase_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_experiments\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`page_id\` integer NOT NULL,
  	\`hypothesis\` text,
  	\`audience_match\` text DEFAULT 'all',
  	\`traffic_allocation\` numeric DEFAULT 100,
  	\`status\` text DEFAULT 'draft' NOT NULL,
  	\`start_date\` text,
  	\`end_date\` text,
  	\`sequential_testing\` integer DEFAULT true,
  	\`minimum_detectable_effect\` numeric DEFAULT 10,
  	\`baseline_conversion_rate\` numeric DEFAULT 5,
  	\`minimum_visitors_per_arm\` numeric DEFAULT 100,
  	\`minimum_conversions\` numeric DEFAULT 10,
  	\`optimise\` integer DEFAULT false,
  	\`bandit_floor_percent\` numeric DEFAULT 5,
  	\`bandit_burn_in_visitors\` numeric DEFAULT 200,
  	\`winner_id\` integer,
  	\`qa_link_key\` text,
  	\`hash_seed\` text,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`winner_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`INSERT INTO \`__new_experiments\`("id", "name", "page_id", "hypothesis", "audience_match", "traffic_allocation", "status", "start_date", "end_date", "sequential_testing", "minimum_detectable_effect", "baseline_conversion_rate", "minimum_visitors_per_arm", "minimum_conversions", "optimise", "bandit_floor_percent", "bandit_burn_in_visitors", "winner_id", "qa_link_key", "hash_seed", "updated_at", "created_at") SELECT "id", "name", "page_id", "hypothesis", "audience_match", "traffic_allocation", "status", "start_date", "end_date", "sequential_testing", "minimum_detectable_effect", "baseline_conversion_rate", "minimum_visitors_per_arm", "minimum_conversions", "optimise", "bandit_floor_percent", "bandit_burn_in_visitors", "winner_id", "qa_link_key", "hash_seed", "updated_at", "created_at" FROM \`experiments\`;`)
  await db.run(sql`DROP TABLE \`experiments\`;`)
  await db.run(sql`ALTER TABLE \`__new_experiments\` RENAME TO \`experiments\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`experiments_page_idx\` ON \`experiments\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`experiments_status_idx\` ON \`experiments\` (\`status\`);`)
  await db.run(sql`CREATE INDEX \`experiments_winner_idx\` ON \`experiments\` (\`winner_id\`);`)
  await db.run(sql`CREATE INDEX \`experiments_updated_at_idx\` ON \`experiments\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`experiments_created_at_idx\` ON \`experiments\` (\`created_at\`);`)
}
