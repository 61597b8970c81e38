import { MigrateUpArgs, MigrateDownArgs, sql } from '@payloadcms/db-sqlite'

export async function up({ db, payload, req }: MigrateUpArgs): Promise<void> {
  await db.run(sql`CREATE TABLE \`experiments_audience_rules\` (
  	\`_order\` integer NOT NULL,
  	\`_parent_id\` integer NOT NULL,
  	\`id\` text PRIMARY KEY NOT NULL,
  	\`attribute\` text NOT NULL,
  	\`parameter\` text,
  	\`operator\` text DEFAULT 'is' NOT NULL,
  	\`value\` text NOT NULL,
  	FOREIGN KEY (\`_parent_id\`) REFERENCES \`experiments\`(\`id\`) ON UPDATE no action ON DELETE cascade
  );
  `)
  await db.run(sql`CREATE INDEX \`experiments_audience_rules_order_idx\` ON \`experiments_audience_rules\` (\`_order\`);`)
  await db.run(sql`CREATE INDEX \`experiments_audience_rules_parent_id_idx\` ON \`experiments_audience_rules\` (\`_parent_id\`);`)
  await db.run(sql`ALTER TABLE \`experiments\` ADD \`audience_match\` text DEFAULT 'all';`)
}

export async function down({ db, payload, req }: MigrateDownArgs): Promise<void> {
  await db.run(sql`DROP TABLE \`experiments_audience_rules\`;`)
  await db.run(sql`ALTER TABLE \`experiments\` DROP COLUMN \`audience_match\`;`)
}
