import { sql, type MigrateUpArgs } from '@payloadcms/db-sqlite'

type Db = MigrateUpArgs['db']
type Column = { name: string; definition: string; notNull: boolean }

const quote = (name: string) => `\`${name.replace(/`/g, '``')}\``

function columnsOf(createTable: string): Column[] {
  const body = createTable.slice(createTable.indexOf('(') + 1, createTable.lastIndexOf(')'))
  return body
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .flatMap((line) => {
      const match = /^`([^`]+)`\s+(.+)$/.exec(line)
      return match
        ? [{ name: match[1], definition: match[2], notNull: /\bNOT NULL\b/i.test(match[2]) }]
        : []
    })
}

/**
 * Brings an SQLite table to a new definition without rebuilding it, for migrations where
 * drizzle-kit would copy it to `__new_<table>`, DROP the old one and rename the copy.
 *
 * drizzle-kit's output is not safe to run on a database with data: it turns foreign keys back on
 * (`PRAGMA foreign_keys=ON`) right after the first rebuilt table, and inside a transaction (a
 * migration run with `transactionOptions`) the `PRAGMA foreign_keys=OFF` is a no-op anyway. A
 * DROP TABLE then runs every foreign-key action that points at the table: rows of other tables
 * that reference it are deleted (ON DELETE cascade: block rows, experiment variant rows) or lose
 * the reference (set null: leads' page) — or the migration stops on a NOT NULL column. Measured
 * on the demo database with the generated drafts migration: "NOT NULL constraint failed:
 * experiments.page_id" on `DROP TABLE pages`.
 *
 * So only the two changes that need no copy are made, in place: columns added (with their
 * default) and NOT NULL dropped (SQLite's documented `writable_schema` edit of the table's
 * definition, which leaves the stored rows as they are). Anything else throws, which rolls the
 * migration back. New columns go last, whatever their place in `createTable`: the database reads
 * columns by name.
 */
export async function alterTableInPlace(db: Db, table: string, createTable: string) {
  const wanted = columnsOf(createTable)
  const info = (await db.all(sql.raw(`PRAGMA table_info(${quote(table)})`))) as {
    name: string
    notnull: number
  }[]
  const existing = new Map(info.map((column) => [column.name, column]))
  if (existing.size === 0) throw new Error(`alterTableInPlace: no table ${table}`)
  const dropped = [...existing.keys()].filter((name) => !wanted.some((c) => c.name === name))
  if (dropped.length > 0)
    throw new Error(`alterTableInPlace(${table}): columns removed (${dropped.join(', ')})`)

  const relax: string[] = []
  for (const column of wanted) {
    const old = existing.get(column.name)
    if (!old) continue
    if (!old.notnull && column.notNull)
      throw new Error(`alterTableInPlace(${table}): ${column.name} would become NOT NULL`)
    if (old.notnull && !column.notNull) relax.push(column.name)
  }

  if (relax.length > 0) {
    const [row] = (await db.all(
      sql`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`,
    )) as { sql: string }[]
    let definition = row.sql
    for (const name of relax) {
      // The column's own definition: its name (quoted or not) up to the next comma or line.
      const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      const pattern = new RegExp(`((?:^|[(,\\s])[\`"]?${escaped}[\`"]?\\s[^,\\n]*?)\\s+NOT NULL`)
      if (!pattern.test(definition))
        throw new Error(`alterTableInPlace(${table}): cannot find NOT NULL on ${name}`)
      definition = definition.replace(pattern, '$1')
    }
    const [version] = (await db.all(sql.raw('PRAGMA schema_version'))) as {
      schema_version: number
    }[]
    await db.run(sql.raw('PRAGMA writable_schema = ON'))
    await db.run(
      sql`UPDATE sqlite_master SET sql = ${definition} WHERE type = 'table' AND name = ${table}`,
    )
    await db.run(sql.raw(`PRAGMA schema_version = ${Number(version.schema_version) + 1}`))
    await db.run(sql.raw('PRAGMA writable_schema = OFF'))
  }

  for (const column of wanted) {
    if (existing.has(column.name)) continue
    await db.run(
      sql.raw(`ALTER TABLE ${quote(table)} ADD COLUMN ${quote(column.name)} ${column.definition}`),
    )
  }

  const after = (await db.all(sql.raw(`PRAGMA table_info(${quote(table)})`))) as {
    name: string
    notnull: number
  }[]
  for (const column of wanted) {
    const found = after.find((c) => c.name === column.name)
    if (!found || Boolean(found.notnull) !== column.notNull)
      throw new Error(`alterTableInPlace(${table}): ${column.name} did not come out as defined`)
  }
}
