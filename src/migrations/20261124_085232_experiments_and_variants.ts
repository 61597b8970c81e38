import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`variants_blocks_hero\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`eyebrow\` text,
  	\`headline\` text NOT NULL,
  	\`subheadline\` text,
  	\`cta_label\` text,
  	\`cta_href\` text,
  	\`image_id\` integer,
  	\`block_name\` text,
  	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_hero_order_idx\` ON \`variants_blocks_hero\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_hero_parent_id_idx\` ON \`variants_blocks_hero\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_hero_path_idx\` ON \`variants_blocks_hero\` (\`_path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_hero_image_idx\` ON \`variants_blocks_hero\` (\`image_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_features_items\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`title\` text NOT NULL,
  	\`description\` text,
  	\`image_id\` integer,
  	FOREIGN KEY (\`image_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants_blocks_features\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_items_order_idx\` ON \`variants_blocks_features_items\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_items_parent_id_idx\` ON \`variants_blocks_features_items\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_items_image_idx\` ON \`variants_blocks_features_items\` (\`image_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_features\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`heading\` text,
  	\`intro\` text,
  	\`block_name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_order_idx\` ON \`variants_blocks_features\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_parent_id_idx\` ON \`variants_blocks_features\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_features_path_idx\` ON \`variants_blocks_features\` (\`_path\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_testimonials_items\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`quote\` text NOT NULL,
  	\`author\` text NOT NULL,
  	\`role\` text,
  	\`avatar_id\` integer,
  	FOREIGN KEY (\`avatar_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants_blocks_testimonials\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_items_order_idx\` ON \`variants_blocks_testimonials_items\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_items_parent_id_idx\` ON \`variants_blocks_testimonials_items\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_items_avatar_idx\` ON \`variants_blocks_testimonials_items\` (\`avatar_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_testimonials\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`heading\` text,
  	\`block_name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_order_idx\` ON \`variants_blocks_testimonials\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_parent_id_idx\` ON \`variants_blocks_testimonials\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_testimonials_path_idx\` ON \`variants_blocks_testimonials\` (\`_path\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_cta\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`heading\` text NOT NULL,
  	\`text\` text,
  	\`button_label\` text NOT NULL,
  	\`button_href\` text NOT NULL,
  	\`block_name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_cta_order_idx\` ON \`variants_blocks_cta\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_cta_parent_id_idx\` ON \`variants_blocks_cta\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_cta_path_idx\` ON \`variants_blocks_cta\` (\`_path\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_lead_form_fields\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`label\` text NOT NULL,
  	\`type\` text DEFAULT 'text' NOT NULL,
  	\`required\` integer DEFAULT false,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants_blocks_lead_form\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_lead_form_fields_order_idx\` ON \`variants_blocks_lead_form_fields\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_lead_form_fields_parent_id_idx\` ON \`variants_blocks_lead_form_fields\` (\`_parent_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_lead_form\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`heading\` text,
  	\`intro\` text,
  	\`submit_label\` text DEFAULT 'Get started' NOT NULL,
  	\`success_message\` text DEFAULT 'Thanks! We will be in touch shortly.' NOT NULL,
  	\`redirect_url\` text,
  	\`block_name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_lead_form_order_idx\` ON \`variants_blocks_lead_form\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_lead_form_parent_id_idx\` ON \`variants_blocks_lead_form\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_lead_form_path_idx\` ON \`variants_blocks_lead_form\` (\`_path\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants_blocks_rich_text\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`_path\` text NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`content\` text NOT NULL,
  	\`block_name\` text,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`variants_blocks_rich_text_order_idx\` ON \`variants_blocks_rich_text\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_rich_text_parent_id_idx\` ON \`variants_blocks_rich_text\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`variants_blocks_rich_text_path_idx\` ON \`variants_blocks_rich_text\` (\`_path\`);`,
  )
  await db.run(sql`CREATE TABLE \`variants\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`name\` text NOT NULL,
  	\`page_id\` integer NOT NULL,
  	\`copy_page_layout\` integer DEFAULT false,
  	\`updated_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	\`created_at\` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
  	FOREIGN KEY (\`page_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE set null
  );
  `)
  await db.run(sql`CREATE INDEX \`variants_page_idx\` ON \`variants\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`variants_updated_at_idx\` ON \`variants\` (\`updated_at\`);`)
  await db.run(sql`CREATE INDEX \`variants_created_at_idx\` ON \`variants\` (\`created_at\`);`)
  await db.run(sql`CREATE TABLE \`experiments_variants\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`variant_id\` integer NOT NULL,
  	\`traffic_percentage\` numeric DEFAULT 50 NOT NULL,
  	FOREIGN KEY (\`variant_id\`) REFERENCES \`variants\`(\`id\`) ON UPDATE no action ON DELETE set null,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`CREATE INDEX \`experiments_variants_order_idx\` ON \`experiments_variants\` (\`_order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`experiments_variants_parent_id_idx\` ON \`experiments_variants\` (\`_parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`experiments_variants_variant_idx\` ON \`experiments_variants\` (\`variant_id\`);`,
  )
  await db.run(sql`CREATE TABLE \`experiments\` (
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
  await db.run(sql`CREATE INDEX \`experiments_page_idx\` ON \`experiments\` (\`page_id\`);`)
  await db.run(sql`CREATE INDEX \`experiments_status_idx\` ON \`experiments\` (\`status\`);`)
  await db.run(
    sql`CREATE INDEX \`experiments_updated_at_idx\` ON \`experiments\` (\`updated_at\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`experiments_created_at_idx\` ON \`experiments\` (\`created_at\`);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`variants_id\` integer REFERENCES variants(id);`,
  )
  await db.run(
    sql`ALTER TABLE \`payload_locked_documents_rels\` ADD \`experiments_id\` integer REFERENCES experiments(id);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_variants_id_idx\` ON \`payload_locked_documents_rels\` (\`variants_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_experiments_id_idx\` ON \`payload_locked_documents_rels\` (\`experiments_id\`);`,
  )
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`variants_blocks_hero\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_features_items\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_features\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_testimonials_items\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_testimonials\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_cta\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_lead_form_fields\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_lead_form\`;`)
  await db.run(sql`DROP TABLE \`variants_blocks_rich_text\`;`)
  await db.run(sql`DROP TABLE \`variants\`;`)
  await db.run(sql`DROP TABLE \`experiments_variants\`;`)
  await db.run(sql`DROP TABLE \`experiments\`;`)
  await db.run(sql`PRAGMA foreign_keys=OFF;`)
  await db.run(sql`CREATE TABLE \`__new_payload_locked_documents_rels\` (
  	\`id\` integer PRIMARY KEY NOT NULL,
  	\`order\` integer,
  	\`parent_id\` integer NOT NULL,
  	\`path\` text NOT NULL,
  	\`pages_id\` integer,
  	\`media_id\` integer,
  	\`users_id\` integer,
  	FOREIGN KEY (\`parent_id\`) REFERENCES \`payload_locked_documents\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`pages_id\`) REFERENCES \`pages\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`media_id\`) REFERENCES \`media\`(\`id\`) ON UPDATE no action ON DELETE cascade,
  	FOREIGN KEY (\`users_id\`) REFERENCES \`users\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(
    sql`INSERT INTO \`__new_payload_locked_documents_rels\`("id", "order", "parent_id", "path", "pages_id", "media_id", "users_id") SELECT "id", "order", "parent_id", "path", "pages_id", "media_id", "users_id" FROM \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`DROP TABLE \`payload_locked_documents_rels\`;`)
  await db.run(
    sql`ALTER TABLE \`__new_payload_locked_documents_rels\` RENAME TO \`payload_locked_documents_rels\`;`,
  )
  await db.run(sql`PRAGMA foreign_keys=ON;`)
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_order_idx\` ON \`payload_locked_documents_rels\` (\`order\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_parent_idx\` ON \`payload_locked_documents_rels\` (\`parent_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_path_idx\` ON \`payload_locked_documents_rels\` (\`path\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_pages_id_idx\` ON \`payload_locked_documents_rels\` (\`pages_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_media_id_idx\` ON \`payload_locked_documents_rels\` (\`media_id\`);`,
  )
  await db.run(
    sql`CREATE INDEX \`payload_locked_documents_rels_users_id_idx\` ON \`payload_locked_documents_rels\` (\`users_id\`);`,
  )
}
