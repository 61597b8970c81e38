/**
 * The part of @libsql/client's embedded (file:) client that the guard needs. `transaction()`
 * runs BEGIN on the current connection, hands that connection to the transaction and opens a
 * fresh one for the client's next statement; both steps run synchronously before it returns.
 */
export type LibsqlFileClient = {
  execute(...args: unknown[]): Promise<unknown>
  transaction(mode: 'deferred'): Promise<{ rollback(): Promise<void> }>
}

const GUARDED = Symbol.for('splitpage.sqliteConnectionGuard')

/** SQLITE_BUSY / SQLITE_LOCKED and their extended codes: another connection holds the file. */
export function isLockError(error: unknown): boolean {
  const code = String((error as { code?: unknown })?.code ?? '')
  return /^SQLITE_(BUSY|LOCKED)/.test(code) || /database is locked/i.test(String(error))
}

/**
 * libsql (0.4 and 0.5 alike) does not reset a statement that failed with SQLITE_BUSY. The
 * statement stays active on the connection, so SQLite never ends that connection's implicit
 * transaction: every later write on it "succeeds" into a transaction that is never committed,
 * visible to this process only, and lost on restart or rolled back by the next ROLLBACK.
 * Measured here: leads thanked after a 3 s lock by another process were missing from the file.
 *
 * The guard retires the connection when a statement fails that way, before any other statement
 * can run on it: statements go through the client one after another (libsql runs each one
 * synchronously anyway, so this costs a microtask, not concurrency), and after a lock error a
 * deferred BEGIN hands the connection to a transaction object (the client opens a new
 * connection for its next statement) and ROLLBACK ends whatever it had open. The retired
 * connection holds no lock and nothing written; it is closed when it is collected.
 */
export function guardSqliteClient(
  client: LibsqlFileClient,
  /** Set again on each new connection (a PRAGMA holds for its connection only). */
  pragmas: string[] = [],
  /** Counts the statements running (shared with the SQLite writer thread). */
  inFlight?: Int32Array,
): void {
  const marked = client as LibsqlFileClient & { [GUARDED]?: boolean }
  if (marked[GUARDED]) return
  marked[GUARDED] = true
  const execute = client.execute.bind(client)
  let tail: Promise<unknown> = Promise.resolve()
  client.execute = (...args: unknown[]) => {
    const run = async () => {
      if (inFlight) Atomics.add(inFlight, 0, 1)
      try {
        return await execute(...args)
      } catch (error) {
        if (isLockError(error)) {
          retireConnection(client)
          // Before any other statement: the new connection had none of them (found when leads
          // failed at once on a lock right after an outage: busy_timeout was back to 0).
          for (const pragma of pragmas) await execute(pragma).catch(() => undefined)
        }
        throw error
      } finally {
        if (inFlight) Atomics.sub(inFlight, 0, 1)
      }
    }
    const result = tail.then(run, run)
    tail = result.catch(() => undefined)
    return result
  }
}

function retireConnection(client: LibsqlFileClient) {
  // transaction() swaps the connection synchronously, before it returns its promise.
  client
    .transaction('deferred')
    .then((retired) => retired.rollback())
    .catch((error) =>
      console.error('[splitpage] could not retire a busy SQLite connection:', error),
    )
}
