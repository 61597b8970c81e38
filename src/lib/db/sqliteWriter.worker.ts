// The SQLite writer thread (see sqliteWriterThread): stores event batches and their rollups on a
// connection of its own, each batch in one transaction, off the thread that serves pages.
import { parentPort, workerData } from 'node:worker_threads'

import { createClient, type Client } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'

import type { QueuedEvent } from './events'
import type { SqliteClient } from './handles'
import { writeSqliteEvents, type SqliteDb } from './sqliteEvents'

export type WriteRequest = { id: number; events: QueuedEvent[]; timeZone: string }
export type WriteAnswer =
  | { id: number; stored: number }
  | { id: number; error: { message: string; code?: string; name?: string } }

const { url, busyTimeoutMs, serverStatements } = workerData as {
  url: string
  busyTimeoutMs: number
  /** Statements of the server's own connection running now (shared memory). */
  serverStatements: Int32Array
}

/** Events per transaction: the write lock is held a few ms at a time, never a whole backlog. */
const EVENTS_PER_TRANSACTION = 100
/** The longest the thread lets the server's statements go first before a transaction. */
const YIELD_AT_MOST_MS = 200

/**
 * Lets the server's own statements (a lead waiting in SQLite's busy handler for the write lock)
 * go first. Its busy handler retries after growing sleeps, so the thread waits for it to finish
 * rather than taking the lock again at once.
 */
function yieldToServer() {
  const until = Date.now() + YIELD_AT_MOST_MS
  while (Atomics.load(serverStatements, 0) > 0 && Date.now() < until)
    Atomics.wait(serverStatements, 0, Atomics.load(serverStatements, 0), 2)
}

let connection: { client: Client; db: SqliteDb } | null = null

async function connect() {
  if (connection) return connection
  const client = createClient({ url })
  // Waiting for a lock blocks this thread only, never the pages. FULL: a committed batch
  // survives a power cut, as on the server's own connection.
  await client.execute(`PRAGMA busy_timeout = ${busyTimeoutMs}`)
  await client.execute('PRAGMA synchronous = FULL')
  const db = { client: client as unknown as SqliteClient, drizzle: drizzle(client) }
  connection = { client, db }
  return connection
}

/**
 * Drops the connection after any failure: libsql leaves a statement that met a lock active, and
 * the connection's transaction open with it (see sqliteConnectionGuard). A new one costs little.
 */
function retire() {
  connection?.client.close()
  connection = null
}

/**
 * Writes a batch in transactions of EVENTS_PER_TRANSACTION events, each with its rollups. When a
 * later one fails, the earlier ones stay written: the batch comes again (it is kept to retry) and
 * those events are skipped by their ids, so nothing is counted twice.
 */
async function write({ events, timeZone }: WriteRequest): Promise<number> {
  const { client, db } = await connect()
  let stored = 0
  for (let i = 0; i < events.length; i += EVENTS_PER_TRANSACTION) {
    yieldToServer()
    // IMMEDIATE: the write lock is taken (or waited for) before anything is read, so events and
    // their rollups commit together or not at all.
    await client.execute('BEGIN IMMEDIATE')
    try {
      stored += await writeSqliteEvents(db, events.slice(i, i + EVENTS_PER_TRANSACTION), timeZone)
      await client.execute('COMMIT')
    } catch (error) {
      await client.execute('ROLLBACK').catch(() => undefined)
      throw error
    }
  }
  return stored
}

let tail: Promise<unknown> = Promise.resolve()

parentPort!.on('message', (request: WriteRequest) => {
  // One batch at a time, in the order they came.
  tail = tail.then(async () => {
    let answer: WriteAnswer
    try {
      answer = { id: request.id, stored: await write(request) }
    } catch (error) {
      const { message, code, name } = error as Error & { code?: unknown }
      retire()
      answer = {
        id: request.id,
        error: { message: String(message), code: code == null ? undefined : String(code), name },
      }
    }
    parentPort!.postMessage(answer)
  })
})
