import fs from 'node:fs'
import path from 'node:path'

import { mongooseAdapter } from '@payloadcms/db-mongodb'
import { sqliteAdapter } from '@payloadcms/db-sqlite'
import type { DatabaseAdapterObj } from 'payload'

import { migrations } from '@/migrations'
import { mongoMigrations } from '@/migrations-mongodb'
import { databaseKind } from '@/lib/db/byAdapter'
import { guardSqliteClient, type LibsqlFileClient } from '@/lib/db/sqliteConnectionGuard'
import { sqliteStatementsInFlight } from '@/lib/db/sqliteStatementsInFlight'

/** SQLite needs the folder of its file to exist, or it fails with a bare "ConnectionFailed 14". */
function ensureSqliteFolder(uri: string) {
  const file = uri.slice('file:'.length).replace(/\?.*$/, '')
  if (!file || file === ':memory:') return
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
}

const sqliteBusyTimeoutMs = () => positiveMs(process.env.SQLITE_BUSY_TIMEOUT_MS, 100)

const positiveMs = (value: string | undefined, fallback: number) => {
  const ms = Number(value ?? fallback)
  return Number.isFinite(ms) && ms > 0 ? ms : fallback
}

/**
 * Picks the adapter from DATABASE_URI. The SQLite schema comes from committed migrations
 * (applied by `npm run dev`, `npm run migrate`, or on first use in production); only throwaway
 * test databases push the schema directly (PAYLOAD_DB_PUSH=true).
 */
export function databaseAdapter(uri: string): DatabaseAdapterObj {
  if (databaseKind(uri) === 'mongodb') {
    return mongooseAdapter({
      url: uri,
      // While the database is unreachable, a request fails after this long (a lead then gets
      // "please try again") instead of the driver's default 30 s of a visitor waiting.
      // A call sent but never answered (a stalled server, a connection half-open after a
      // restart) fails after socketTimeoutMS and its connection is dropped, instead of waiting
      // for ever: the driver's default is no limit.
      connectOptions: {
        serverSelectionTimeoutMS: positiveMs(
          process.env.MONGODB_SERVER_SELECTION_TIMEOUT_MS,
          5_000,
        ),
        socketTimeoutMS: positiveMs(process.env.MONGODB_SOCKET_TIMEOUT_MS, 60_000),
      },
      migrationDir: path.resolve(process.cwd(), 'src/migrations-mongodb'),
      prodMigrations: mongoMigrations,
    })
  }
  ensureSqliteFolder(uri)
  const sqlite = sqliteAdapter({
    client: { url: uri },
    // Write-ahead log: readers and the writer no longer block each other, so another process on
    // the file (an event writer, `npm run rollups:rebuild`, an operator's sqlite3) does not make
    // page renders and cron reads fail with SQLITE_BUSY while it writes, and a commit costs one
    // sync of the log instead of the rollback journal's several. synchronous=FULL: a committed
    // lead survives a power cut as before. Back up with `sqlite3 <file> ".backup <copy>"` (the
    // -wal file holds recent commits until they are checkpointed into the database file).
    wal: { synchronous: 'FULL' },
    // Event batches are written by a thread with its own connection (sqliteWriterThread), which
    // holds the write lock for 100 events at a time (a few ms to a few tens): the server's own
    // writes (a lead, an edit) wait that long for it instead of failing at once. Short, because
    // libsql waits on the thread that serves pages; a longer lock (another process) still fails
    // fast ("try again").
    busyTimeout: sqliteBusyTimeoutMs(),
    push: process.env.PAYLOAD_DB_PUSH === 'true',
    migrationDir: path.resolve(process.cwd(), 'src/migrations'),
    prodMigrations: migrations,
  })
  const pragmas = [`PRAGMA busy_timeout = ${sqliteBusyTimeoutMs()}`, 'PRAGMA synchronous = FULL']
  return { ...sqlite, init: (args) => withConnectionGuard(sqlite.init(args), pragmas) }
}

/** Guards the embedded client as soon as the adapter has connected (see sqliteConnectionGuard). */
function withConnectionGuard<T extends { connect?: (...args: never[]) => Promise<void> }>(
  adapter: T,
  pragmas: string[],
): T {
  const connect = adapter.connect
  if (!connect) return adapter
  adapter.connect = async function (this: T & { client?: LibsqlFileClient }, ...args: never[]) {
    await connect.apply(this, args)
    if (this.client) guardSqliteClient(this.client, pragmas, sqliteStatementsInFlight)
  } as T['connect']
  return adapter
}
