import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`experiment_goal_daily\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`experiment_id\` integer,
  	\`variant_id\` integer,
  	\`goal\` text NOT NULL,
  	\`day\` text NOT NULL,
  	\`visitors\` numeric DEFAULT 0,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`experiment_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`variant_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`experiment_goal_daily_experiment_idx\` ON \`experiment_goal_daily\` (\`experiment_id\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_daily_variant_idx\` ON \`experiment_goal_daily\` (\`variant_id\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_daily_updated_at_idx\` ON \`experiment_goal_daily\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_daily_created_at_idx\` ON \`experiment_goal_daily\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`experiment_goal_variant_day_idx\` ON \`experiment_goal_daily\` (\`experiment_id\`,\`goal\`,\`variant_id\`,\`day\`);`)
  // Goal counters from the goal visitors already recorded: results stay what they were.
  await db.run(sql`INSERT INTO \`experiment_goal_daily\` (experiment_id, variant_id, goal, day, visitors)
    SELECT experiment_id, variant_id, goal, day, COUNT(*) FROM \`experiment_goal_visitors\`
     GROUP BY experiment_id, goal, variant_id, day;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`experiment_goal_daily_id\` integer REFERENCES experiment_goal_daily(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiment_goal_daily_id_idx\` ON \`payload_locked_documents_rels\` (\`experiment_goal_daily_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`experiment_goal_daily\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`pages_id\` integer,
  	\`variants_id\` integer,
  	\`experiments_id\` integer,
  	\`leads_id\` integer,
  	\`analytics_events_id\` integer,
  	\`experiment_exposures_id\` integer,
  	\`experiment_daily_id\` integer,
  	\`experiment_goal_visitors_id\` integer,
  	\`notifications_id\` integer,
  	\`media_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`variants_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`experiments_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`leads_id\`) REFERENCES \`leads\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`analytics_events_id\`) REFERENCES \`analytics_events\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`experiment_exposures_id\`) REFERENCES \`experiment_exposures\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`experiment_daily_id\`) REFERENCES \`experiment_daily\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`experiment_goal_visitors_id\`) REFERENCES \`experiment_goal_visitors\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "pages_id", "variants_id", "experiments_id", "leads_id", "analytics_events_id", "experiment_exposures_id", "experiment_daily_id", "experiment_goal_visitors_id", "notifications_id", "media_id", "users_id") SELECT "id", "order", "parent_id", "path", "pages_id", "variants_id", "experiments_id", "leads_id", "analytics_events_id", "experiment_exposures_id", "experiment_daily_id", "experiment_goal_visitors_id", "notifications_id", "media_id", "users_id" FROM \`payload_locked_documents_rels\`;`)
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`)
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`pages_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_variants_id_idx\` ON \`payload_locked_documents_rels\` (\`variants_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiments_id_idx\` ON \`payload_locked_documents_rels\` (\`experiments_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_leads_id_idx\` ON \`payload_locked_documents_rels\` (\`leads_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_analytics_events_id_idx\` ON \`payload_locked_documents_rels\` (\`analytics_events_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiment_exposures_id_idx\` ON \`payload_locked_documents_rels\` (\`experiment_exposures_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiment_daily_id_idx\` ON \`payload_locked_documents_rels\` (\`experiment_daily_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiment_goal_visitors_i_idx\` ON \`payload_locked_documents_rels\` (\`experiment_goal_visitors_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
}
