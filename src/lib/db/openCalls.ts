import type { Payload } from 'payload'

import { processSingleton } from '@/lib/shared/processSingleton'

type MongooseOperation = { _id: unknown; collectionName?: string; method?: string }
type ConnectionEvents = {
  on(event: string, listener: (operation: MongooseOperation) => void): void
}

/**
 * The MongoDB calls of this process that have not answered yet, from Mongoose's own operation
 * and buffer events, for the log line of an event write that does not finish (writes and
 * single-document reads; cursor reads report no end and are left out).
 * (Embedded SQLite answers on the calling thread, so it has nothing to watch.)
 */
const state = processSingleton('openDatabaseCalls', () => ({
  watching: false,
  open: new Map<string, { since: number; what: string }>(),
}))

const CURSOR_METHODS = new Set(['find', 'aggregate', 'watch'])

export function watchDatabaseCalls(payload: Payload): void {
  if (state.watching) return
  const connection = (payload.db as unknown as { connection?: ConnectionEvents }).connection
  if (!connection?.on) return
  state.watching = true
  const what = (operation: MongooseOperation) =>
    `${operation.collectionName ?? '?'}.${operation.method ?? '?'}`
  connection.on('operation-start', (operation) => {
    // These return a cursor at once and never report an end (their reads are not watched).
    if (CURSOR_METHODS.has(operation.method ?? '')) return
    state.open.set(String(operation._id), { since: Date.now(), what: what(operation) })
  })
  connection.on('operation-end', (operation) => state.open.delete(String(operation._id)))
  connection.on('buffer', (operation) =>
    state.open.set(`b${operation._id}`, {
      since: Date.now(),
      what: `${what(operation)} (waiting for the connection)`,
    }),
  )
  // A buffered call either times out (buffer-end) or is sent on reconnect, as a new operation.
  const forgetBuffered = () => {
    for (const key of state.open.keys()) if (key.startsWith('b')) state.open.delete(key)
  }
  connection.on('buffer-end', (operation) => state.open.delete(`b${operation._id}`))
  connection.on('reconnected', forgetBuffered)
}

/** The calls open for at least `olderThanMs`, oldest first, e.g. "analytics-events.insertMany 61 s". */
export function openDatabaseCalls(olderThanMs: number, limit = 5): string[] {
  const now = Date.now()
  return [...state.open.values()]
    .filter((call) => now - call.since >= olderThanMs)
    .sort((a, b) => a.since - b.since)
    .slice(0, limit)
    .map((call) => `${call.what} ${Math.round((now - call.since) / 1000)} s`)
}
