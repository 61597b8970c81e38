import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { bundle } from './bundle.mjs'

// Payload's CLI loads TypeScript through tsx's worker-thread loader, which here sometimes lets the
// process end silently (exit 0, nothing done). Registering tsx in the main thread avoids that.
export const payloadBin = [
  '--no-deprecation',
  '--import',
  'tsx/esm',
  'node_modules/payload/bin.js',
  '--disable-transpile',
]

/** Runs a command with inherited output; resolves on exit 0, rejects otherwise. */
export function run(command, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
    child.on('error', reject)
    child.on('exit', (code, signal) => {
      if (code === 0) resolve()
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`))
    })
  })
}

/** Hands the terminal to a long-running command and exits with its status. */
export function exec(command, args, env = {}) {
  const child = spawn(command, args, { stdio: 'inherit', env: { ...process.env, ...env } })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 1))
}

export const baseEnv = { NEXT_TELEMETRY_DISABLED: '1' }

/** Runs one of our TypeScript entry points, bundled first (see bundle.mjs for why). */
export async function runScript(file, env = {}, args = []) {
  const bundled = await bundle(file)
  return run('node', ['--no-deprecation', bundled, ...args], { ...baseEnv, ...env })
}

export const migrate = () => runScript('src/seed/migrate.ts')
export const seedIfEmpty = () => runScript('src/seed/run.ts')

/**
 * Next keeps what it rendered and fetched on disk across restarts (`.next/cache/fetch-cache`,
 * `.next/server/route-cache`). That belongs to the database it was rendered from: clear it when
 * a server starts on a fresh database.
 */
export function clearRuntimeCache() {
  for (const dir of [
    '.next/cache/fetch-cache',
    '.next/server/route-cache',
    '.next/cache/instances',
  ]) {
    fs.rmSync(path.resolve(dir), { recursive: true, force: true })
  }
}
