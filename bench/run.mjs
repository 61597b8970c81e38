// `npm run bench [-- --quick] [-- --skip-build] [-- --cluster] [-- --stats]`: builds and starts the app on a fresh SQLite
// database, measures side by side in one run, prints a table and writes bench/results/latest.json.
// Every target is a ratio measured in this run; absolute numbers vary between machines.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import autocannon from 'autocannon'

import { bundle } from '../scripts/bundle.mjs'
import { clearRuntimeCache } from '../scripts/lib.mjs'

const args = new Set(process.argv.slice(2))
if (args.has('--stats')) {
  // The Monte Carlo of the statistics (bench/stats.ts): no server involved.
  const { execFileSync } = await import('node:child_process')
  const file = await bundle('bench/stats.ts')
  execFileSync('node', ['--no-deprecation', file, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(0)
}
if (args.has('--cluster')) {
  // Several instances behind the balancer: a run of its own (bench/cluster.mjs).
  await import('./cluster.mjs')
  process.exit(0)
}
const quick = args.has('--quick')
const PORT = Number(process.env.BENCH_PORT || 3300)
const BASE = `http://127.0.0.1:${PORT}`
const ROUNDS = quick ? 1 : 3
const DURATION = quick ? 5 : 10
const CONNECTIONS = 20
const dir = path.resolve('.tmp/bench')

const env = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URI: `file:${path.join(dir, 'bench.db')}`,
  MEDIA_DIR: path.join(dir, 'media'),
  PAYLOAD_SECRET: 'bench-only-secret',
  // The load generator plays many clients behind one balancer that appends their address.
  TRUSTED_PROXY_HOPS: '1',
}

function run(command, argv, extraEnv = {}) {
  return execFileSync(command, argv, {
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  })
}
let helperFile
const helper = async (command, extraEnv) => {
  helperFile ??= await bundle('bench/db.ts')
  const output = run('node', ['--no-deprecation', helperFile, command], extraEnv)
  const line = output.split('\n').find((l) => l.startsWith('BENCH_RESULT '))
  if (!line) throw new Error(`bench/db.ts ${command} printed no result:\n${output}`)
  return JSON.parse(line.slice('BENCH_RESULT '.length))
}
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

function load(options) {
  const length = options.amount ? {} : { duration: DURATION }
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, ...length, ...options }, (error, result) =>
      error ? reject(error) : resolve(result),
    )
  })
}

function peakRss(pid) {
  // The server is `next start`'s Node process; VmHWM is its peak resident set.
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
    const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1])
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

async function startServer() {
  const server = spawn(
    'node',
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    {
      env,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return server
    } catch {
      // not up yet
    }
    await sleep(200)
  }
  server.kill()
  throw new Error('the server did not start')
}

async function main() {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  if (!args.has('--skip-build')) run('node', ['node_modules/next/dist/bin/next', 'build'])
  clearRuntimeCache()
  run('node', ['scripts/seed.mjs'])
  const ids = await helper('setup')

  const server = await startServer()
  const results = {}
  try {
    // Warm every page (first render fills the static cache) before measuring.
    for (let i = 0; i < 30; i++) {
      await fetch(`${BASE}/bench-plain`)
      await fetch(`${BASE}/bench-exp`)
    }
    const vid = 'BenchReturningVisitor'
    const pages = {
      // A returning visitor on a page without an experiment: the proxy passes the request to the
      // statically generated page — the ceiling for any page served through this app.
      static: { url: `${BASE}/bench-plain`, headers: { cookie: `vid=${vid}` } },
      // A new visitor on the same page with no experiment (cookie issued on each request).
      noExperiment: { url: `${BASE}/bench-plain` },
      // A new visitor on the same content in a running 50/50 experiment: assignment, cookies,
      // impression logging and the rewrite to a static per-variant page.
      experiment: { url: `${BASE}/bench-exp` },
    }
    const rounds = { static: [], noExperiment: [], experiment: [] }
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, options] of Object.entries(pages)) {
        const result = await load(options)
        const bad = result.non2xx + result.errors + result.timeouts
        rounds[name].push({ rps: result.requests.average, p99: result.latency.p99, bad })
      }
    }
    const summary = (name) => ({
      rps: median(rounds[name].map((r) => r.rps)),
      p99: median(rounds[name].map((r) => r.p99)),
      bad: rounds[name].reduce((sum, r) => sum + r.bad, 0),
    })
    results.pages = {
      static: summary('static'),
      noExperiment: summary('noExperiment'),
      experiment: summary('experiment'),
    }
    results.serverPeakRssMb = peakRss(server.pid)

    // Event ingestion: distinct visitors and addresses, so rate limits measure nothing here.
    let n = 0
    const visitorFor = (i) => `bench${String(i).padStart(16, '0')}`
    const trackRounds = []
    const noopRounds = []
    let accepted = 0
    for (let round = 0; round < ROUNDS; round++) {
      noopRounds.push((await load({ url: `${BASE}/api/health` })).requests.average)
      // A fixed number of requests (not a duration), so every answer is counted.
      const track = await load({
        url: `${BASE}/api/track`,
        method: 'POST',
        amount: quick ? 3000 : 10000,
        requests: [
          {
            setupRequest: (request) => {
              const i = n++
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  origin: BASE,
                  host: `127.0.0.1:${PORT}`,
                  cookie: `vid=${visitorFor(i % 1_000_000)}`,
                  'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
                },
                body: JSON.stringify({
                  type: 'click',
                  blockId: ids.ctaBlockId,
                  path: '/bench-plain',
                }),
              }
            },
          },
        ],
      })
      accepted += track['2xx']
      trackRounds.push(track.requests.average)
    }
    results.ingestion = { trackRps: median(trackRounds), noopRps: median(noopRounds), accepted }
  } finally {
    // SIGTERM makes the server flush queued events before it exits.
    server.kill('SIGTERM')
    await new Promise((resolve) => server.once('exit', resolve))
  }
  results.ingestion.stored = (await helper('count')).clicks

  results.scale = await helper(
    'scale',
    quick ? { SCALE_SMALL: '10000', SCALE_LARGE: '100000' } : {},
  )
  results.hash = await helper('hash')
  return results
}

const results = await main()
const { pages, ingestion, scale, hash } = results
const rows = [
  [
    'experiment page ÷ static page, requests/s',
    pages.experiment.rps / pages.static.rps,
    '≥ 0.80',
    (v) => v >= 0.8,
  ],
  [
    'experiment page ÷ static page, p99 latency',
    pages.experiment.p99 / Math.max(pages.static.p99, 1),
    '≤ 1.50',
    (v) => v <= 1.5,
  ],
  [
    'experiment page ÷ same page without experiment, requests/s',
    pages.experiment.rps / pages.noExperiment.rps,
    '≥ 0.95',
    (v) => v >= 0.95,
  ],
  [
    'tracking endpoint ÷ no-op route, requests/s',
    ingestion.trackRps / ingestion.noopRps,
    '≥ 0.50',
    (v) => v >= 0.5,
  ],
  [
    'events stored ÷ 204 answers',
    ingestion.stored / Math.max(ingestion.accepted, 1),
    '= 1.00',
    (v) => v === 1,
  ],
  [
    `results time at ${scale.large} ÷ at ${scale.small} events`,
    scale.atLargeMs / scale.atSmallMs,
    '≤ 2.00',
    (v) => v <= 2,
  ],
  [
    `reading all ${scale.large} events ÷ results time`,
    scale.readAllMs / scale.atLargeMs,
    '≥ 100',
    (v) => v >= 100,
  ],
  [
    'our hash ÷ GrowthBook SDK hash, per second',
    hash.oursPerSecond / hash.growthbookPerSecond,
    '≥ 1.00',
    (v) => v >= 1,
  ],
].map(([name, value, target, ok]) => ({
  name,
  value: Number(value.toFixed(3)),
  target,
  met: ok(value),
}))

const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim()
  } catch {
    return null
  }
})()
const report = {
  date: new Date().toISOString(),
  commit,
  cpus: os.cpus().length,
  quick,
  settings: { rounds: ROUNDS, durationSeconds: DURATION, connections: CONNECTIONS },
  ratios: rows,
  raw: results,
}
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync('bench/results/latest.json', `${JSON.stringify(report, null, 2)}\n`)

const width = Math.max(...rows.map((r) => r.name.length))
console.log(
  `\nSplitpage benchmark — ${report.cpus} CPUs, commit ${commit ?? 'unknown'}${quick ? ' (quick)' : ''}\n`,
)
for (const row of rows) {
  console.log(
    `${row.name.padEnd(width)}  ${String(row.value).padStart(9)}  target ${row.target.padEnd(6)}  ${row.met ? 'met' : 'MISSED'}`,
  )
}
console.log(
  `\nrequests/s (median of ${ROUNDS}): static ${pages.static.rps.toFixed(0)}, no experiment ${pages.noExperiment.rps.toFixed(0)}, experiment ${pages.experiment.rps.toFixed(0)}; ` +
    `p99 ms: ${pages.static.p99}, ${pages.noExperiment.p99}, ${pages.experiment.p99}; non-2xx/errors: ${pages.static.bad + pages.noExperiment.bad + pages.experiment.bad}`,
)
console.log(`server peak RSS during the page runs: ${results.serverPeakRssMb ?? '?'} MB`)
console.log(`events: ${ingestion.accepted} accepted (204), ${ingestion.stored} stored`)
console.log('written to bench/results/latest.json')
