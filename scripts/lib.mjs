import { spawn } from 'node:child_process'

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

const tsx = ['--no-deprecation', '--import', 'tsx/esm']

/**
 * Runs a TypeScript entry point, trying again when it ends without finishing: here a tsx-loaded
 * Payload process occasionally exits with 13 ("unsettled top-level await") right after another
 * process released the same SQLite file.
 */
async function runScript(file, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run('node', [...tsx, file], baseEnv)
    } catch (error) {
      if (attempt >= attempts) throw error
      console.error(`${file} did not finish (${error.message}); trying again`)
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
}

export const migrate = () => runScript('src/seed/migrate.ts')
export const seedIfEmpty = () => runScript('src/seed/run.ts')
