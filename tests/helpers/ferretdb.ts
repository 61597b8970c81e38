import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

/** Where `.ci/ferretdb.sh install` leaves the FerretDB 1.24.2 binary (or FERRETDB_BIN). */
export function ferretdbBinary(): string {
  const cache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache')
  return process.env.FERRETDB_BIN || path.join(cache, 'splitpage-ferretdb', 'ferretdb-v1.24.2')
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = net.connect(port, '127.0.0.1')
    socket.once('connect', () => (socket.destroy(), resolve(true)))
    socket.once('error', () => resolve(false))
  })

/**
 * A FerretDB of the test's own (its own port, data and state folders, no debug listener), so a
 * fault test can kill it with SIGKILL and start it again on the same data without touching the
 * FerretDB the rest of the suite uses.
 */
export async function startOwnFerretDB(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'splitpage-ferret-fault-'))
  fs.mkdirSync(path.join(dir, 'data'))
  fs.mkdirSync(path.join(dir, 'state'))
  let child: ChildProcess | null = null
  const start = async () => {
    child = spawn(
      ferretdbBinary(),
      [
        '--handler=sqlite',
        `--sqlite-url=file:${path.join(dir, 'data')}/`,
        `--state-dir=${path.join(dir, 'state')}`,
        `--listen-addr=127.0.0.1:${port}`,
        '--debug-addr=-',
        '--telemetry=disable',
        '--log-level=error',
      ],
      { stdio: 'ignore' },
    )
    for (let i = 0; i < 100; i++) {
      if (await portOpen(port)) return
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    throw new Error(`FerretDB did not start on port ${port}`)
  }
  const kill = async () => {
    const running = child
    child = null
    if (!running || running.exitCode !== null) return
    await new Promise<void>((resolve) => {
      running.once('exit', () => resolve())
      running.kill('SIGKILL')
    })
  }
  await start()
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    /** `kill -9`: nothing is flushed or closed. */
    kill,
    start,
    stop: async () => {
      await kill()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
