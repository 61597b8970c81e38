import { processSingleton } from '@/lib/shared/processSingleton'

/**
 * How many statements the server's own SQLite connection has running (or waiting for a lock),
 * in memory shared with the SQLite writer thread: before each batch the thread lets those finish
 * first, so a lead waiting for the write lock is not starved by batch after batch of events.
 */
export const sqliteStatementsInFlight = processSingleton(
  'sqliteStatementsInFlight',
  () => new Int32Array(new SharedArrayBuffer(4)),
)
