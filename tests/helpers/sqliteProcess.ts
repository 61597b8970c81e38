import { spawn, execFileSync } from 'node:child_process'

/**
 * Another process on the same SQLite file, as an operator's `sqlite3` shell or a backup tool
 * would be: it takes an exclusive lock (every read and write of the app then fails with
 * "database is locked") and lets go when told. Node with @libsql/client, so no system package.
 */
export async function holdExclusiveLock(file: string): Promise<{ release(): Promise<void> }> {
  const script = `
    import { createClient } from '@libsql/client'
    const client = createClient({ url: ${JSON.stringify(`file:${file}`)} })
    // The app may be in the middle of a write: wait for it (as sqlite3's .timeout would).
    await client.execute('PRAGMA busy_timeout = 10000')
    await client.execute('BEGIN EXCLUSIVE')
    process.stdout.write('locked\\n')
    process.stdin.once('data', async () => {
      await client.execute('COMMIT')
      client.close()
      process.exit(0)
    })`
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve())
    child.once('exit', (code) => reject(new Error(`locker exited with ${code}`)))
  })
  return {
    release: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve())
        child.stdin.write('go\n')
      }),
  }
}

/** Runs a query in a separate process (a separate connection): what is really in the file. */
export function querySeparately<T = Record<string, unknown>>(file: string, query: string): T[] {
  const script = `
    import { createClient } from '@libsql/client'
    const client = createClient({ url: ${JSON.stringify(`file:${file}`)} })
    const { rows } = await client.execute(${JSON.stringify(query)})
    process.stdout.write(JSON.stringify(rows.map((row) => ({ ...row }))))
    client.close()`
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script])
  return JSON.parse(out.toString()) as T[]
}
