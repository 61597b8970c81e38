import { isLockError } from '@/lib/db/sqliteConnectionGuard'

/**
 * Whether a database error means "not now" (the database is locked, unreachable or failing
 * over) rather than "never" (the write itself is invalid). Transient failures are retried and
 * answered "try again"; only permanent ones may drop a write.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 5; depth++) {
    if (isLockError(cause)) return true
    // Marked so by the code that raised it (e.g. the SQLite writer thread ended mid-batch).
    if ((cause as { transient?: unknown }).transient === true) return true
    const { name = '', message = '', code } = cause as Error & { code?: unknown }
    if (/^Mongo(Network|ServerSelection|NotConnected|Topology)|PoolClear/.test(name)) return true
    if (
      /ECONNREFUSED|ECONNRESET|EPIPE|ETIMEDOUT|buffering timed out|connection .*closed|Client must be connected/i.test(
        `${code ?? ''} ${message}`,
      )
    )
      return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}
