import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`experiments_goals\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`role\` text DEFAULT 'secondary' NOT NULL,
  	\`kind\` text DEFAULT 'click' NOT NULL,
  	\`block_type\` text,
  	\`event_name\` text,
  	\`label\` text,
  	\`higher_is_better\` integer DEFAULT true,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`experiments_goals_order_idx\` ON \`experiments_goals\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`experiments_goals_parent_id_idx\` ON \`experiments_goals\` (\`_parent_id\`);`)
  await db.run(sql`CREATE TABLE \`experiment_goal_visitors\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`experiment_id\` integer,
  	\`variant_id\` integer,
  	\`goal\` text NOT NULL,
  	\`visitor_id\` text NOT NULL,
  	\`day\` text NOT NULL,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`experiment_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`variant_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`experiment_goal_visitors_experiment_idx\` ON \`experiment_goal_visitors\` (\`experiment_id\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_visitors_variant_idx\` ON \`experiment_goal_visitors\` (\`variant_id\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_visitors_updated_at_idx\` ON \`experiment_goal_visitors\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`experiment_goal_visitors_created_at_idx\` ON \`experiment_goal_visitors\` (\`created_at\`);`)
  await db.run(sql`CREATE UNIQUE INDEX \`experiment_goal_visitorId_idx\` ON \`experiment_goal_visitors\` (\`experiment_id\`,\`goal\`,\`visitor_id\`);`)
  await db.run(sql`ALTER TABLE \`analytics_events\` ADD \`block_type\` text;`)
  await db.run(sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`experiment_goal_visitors_id\` integer REFERENCES experiment_goal_visitors(id);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_experiment_goal_visitors_i_idx\` ON \`payload_locked_documents_rels\` (\`experiment_goal_visitors_id\`);`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`experiments_goals\`;`)
  await db.run(sql`DROP TABLE \`experiment_goal_visitors\`;`)
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
  	FOREIGN KEY (\`notifications_id\`) REFERENCES \`notifications\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "pages_id", "variants_id", "experiments_id", "leads_id", "analytics_events_id", "experiment_exposures_id", "experiment_daily_id", "notifications_id", "media_id", "users_id") SELECT "id", "order", "parent_id", "path", "pages_id", "variants_id", "experiments_id", "leads_id", "analytics_events_id", "experiment_exposures_id", "experiment_daily_id", "notifications_id", "media_id", "users_id" FROM \`payload_locked_documents_rels\`;`)
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
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_notifications_id_idx\` ON \`payload_locked_documents_rels\` (\`notifications_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`)
  await db.run(sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`)
  await db.run(sql`ALTER TABLE \`analytics_events\` DROP COLUMN \`block_type\`;`)
}
