// `npm run bench [-- --quick] [-- --skip-build] [-- --cluster] [-- --stats] [-- --bandit]
// [-- --profile] [-- --soak]`: builds and starts the app on a fresh SQLite
// database, measures side by side in one run, prints a table and writes bench/results/latest.json.
// Every target is a ratio measured in this run; absolute numbers vary between machines.
import { execFileSync, spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping'
import autocannon from 'autocannon'

import { bundle } from '../scripts/bundle.mjs'
import { measureFirstVisits } from './browser.mjs'
import { hasWrk, pageLoad } from './load.mjs'
import { clearRuntimeCache } from '../scripts/lib.mjs'

const args = new Set(process.argv.slice(2))
if (args.has('--stats')) {
  // The Monte Carlo of the statistics (bench/stats.ts): no server involved.
  const { execFileSync } = await import('node:child_process')
  const file = await bundle('bench/stats.ts')
  execFileSync('node', ['--no-deprecation', file, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(0)
}
if (args.has('--bandit')) {
  // The simulation of optimise mode (bench/bandit.ts): no server involved.
  const { execFileSync } = await import('node:child_process')
  const file = await bundle('bench/bandit.ts')
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
const WARMUP_SECONDS = 3
const CONNECTIONS = 20
const dir = path.resolve('.tmp/bench')
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
/** A desktop browser's document request: what the proxy counts as a view. */
const BROWSER = { 'user-agent': UA, 'sec-fetch-dest': 'document' }

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

/** The server's resident set now (MB): VmRSS, for the soak's samples. */
function currentRss(pid) {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])
    return Number.isFinite(kb) ? Math.round(kb / 1024) : null
  } catch {
    return null
  }
}

async function stopServer(server) {
  // SIGTERM makes the server flush queued events before it exits.
  server.kill('SIGTERM')
  await new Promise((resolve) => server.once('exit', resolve))
}

/** Whether a Redis answers at this URL's host and port (a PING over a plain socket). */
async function redisAnswers(url) {
  const { hostname, port } = new URL(url)
  const net = await import('node:net')
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 6379) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(1000, () => done(false))
    socket.once('error', () => done(false))
    socket.once('connect', () => socket.write('PING\r\n'))
    socket.once('data', (data) => done(String(data).startsWith('+PONG')))
  })
}

/** A fresh database with the demo content and the bench's pages (built first, unless told). */
async function freshDatabase() {
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  if (!args.has('--skip-build')) run('node', ['node_modules/next/dist/bin/next', 'build'])
  clearRuntimeCache()
  run('node', ['scripts/seed.mjs'])
  return helper('setup')
}

/**
 * Loads each page in alternating rounds (so drift on a noisy machine spreads over all of them);
 * per page the median requests/s and p99 and the sum of answers that were not 2xx.
 */
async function measurePages(pages) {
  const rounds = Object.fromEntries(Object.keys(pages).map((name) => [name, []]))
  // A few seconds of the same load per page first, not counted: until V8 has optimised the
  // server's code, the first page measured was the slowest (a quick run's single round put the
  // static page 20% low and the experiment page's ratio at 0.96 when warm rounds gave 0.74).
  for (const { url, headers } of Object.values(pages))
    await pageLoad(url, { headers, duration: WARMUP_SECONDS, connections: CONNECTIONS })
  for (let round = 0; round < ROUNDS; round++)
    for (const [name, { url, headers }] of Object.entries(pages))
      rounds[name].push(
        await pageLoad(url, { headers, duration: DURATION, connections: CONNECTIONS }),
      )
  const [first] = Object.values(rounds)
  return {
    generator: first[0].generator,
    pages: Object.fromEntries(
      Object.entries(rounds).map(([name, list]) => [
        name,
        {
          rps: median(list.map((r) => r.rps)),
          p99: median(list.map((r) => r.p99)),
          bad: list.reduce((sum, r) => sum + r.bad, 0),
        },
      ]),
    ),
  }
}

/**
 * One more server run with other settings (consent mode, or events through Redis): the static
 * page and the experiment page's first visit side by side, alternating rounds, same build.
 */
async function variantRun(pages, extraEnv = {}, writerEnv = null) {
  const server = await startServer([], extraEnv)
  let writer = null
  try {
    for (let i = 0; i < 20; i++)
      for (const { url, headers } of Object.values(pages)) await fetch(url, { headers })
    // With writerEnv, a second server of the same build on the next port that serves no pages:
    // the event writer of the shared stream (the page server runs with EVENT_WRITER=false).
    // Started once the pages are rendered and cached, so the measured requests read nothing
    // from the database the writer is writing to.
    if (writerEnv) writer = await startServer([], writerEnv, PORT + 1)
    return (await measurePages(pages)).pages
  } finally {
    await stopServer(server)
    if (writer) await stopServer(writer)
  }
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

async function startServer(nodeArgs = [], extraEnv = {}, port = PORT) {
  const base = `http://127.0.0.1:${port}`
  // Another server on the port would answer the health check and be measured instead.
  const taken = await fetch(`${base}/api/health`).then(
    () => true,
    () => false,
  )
  if (taken) throw new Error(`port ${port} is already taken: stop that server or set BENCH_PORT`)
  const server = spawn(
    'node',
    [
      ...nodeArgs,
      'node_modules/next/dist/bin/next',
      'start',
      '-H',
      '127.0.0.1',
      '-p',
      String(port),
    ],
    {
      env: { ...env, ...extraEnv },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  )
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return server
    } catch {
      // not up yet
    }
    await sleep(200)
  }
  server.kill()
  throw new Error('the server did not start')
}

async function main() {
  const ids = await freshDatabase()

  const server = await startServer()
  const results = {}
  try {
    // Warm every page (first render fills the static cache) before measuring.
    for (let i = 0; i < 30; i++) {
      await fetch(`${BASE}/bench-plain`)
      await fetch(`${BASE}/bench-exp`)
      await fetch(`${BASE}/bench-target?utm_campaign=bench`, { headers: { 'user-agent': UA } })
    }
    const vid = 'BenchReturningVisitor'
    // A returning visitor of the experiment page carries the cookies its first visit set.
    const first = await fetch(`${BASE}/bench-exp`, { headers: { 'user-agent': UA } })
    const returning = first.headers
      .getSetCookie()
      .map((line) => line.split(';')[0])
      .join('; ')
    const pages = {
      // A returning visitor on a page without an experiment: the proxy passes the request to the
      // statically generated page — the ceiling for any page served through this app.
      static: { url: `${BASE}/bench-plain`, headers: { ...BROWSER, cookie: `vid=${vid}` } },
      // A new visitor on the same page with no experiment (cookie issued on each request).
      noExperiment: { url: `${BASE}/bench-plain`, headers: BROWSER },
      // A new visitor on the same content in a running 50/50 experiment: assignment, cookies,
      // impression logging and the rewrite to a static per-variant page.
      experiment: { url: `${BASE}/bench-exp`, headers: BROWSER },
      // The same page for a returning visitor (sticky cookies already set): still a view.
      experimentReturning: { url: `${BASE}/bench-exp`, headers: { ...BROWSER, cookie: returning } },
      // A new visitor of the same content in an experiment with targeting rules (device and UTM
      // campaign, both matched), goals and segments recorded at first exposure.
      targeted: { url: `${BASE}/bench-target?utm_campaign=bench`, headers: BROWSER },
    }
    const measured = await measurePages(pages)
    results.generator = measured.generator
    results.pages = measured.pages
    if (hasWrk) {
      // Once with autocannon too, to show what the generator itself changes.
      const other = {}
      for (const name of ['static', 'experiment']) {
        const { url, headers } = pages[name]
        other[name] = await pageLoad(
          url,
          { headers, duration: DURATION, connections: CONNECTIONS },
          'autocannon',
        )
      }
      results.autocannonOnce = other
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
    // First visits in Chromium: one document request each, and the paint of the same content
    // in an experiment and without one.
    results.browser = await measureFirstVisits({
      experiment: `${BASE}/bench-exp`,
      plain: `${BASE}/bench-plain`,
    })
  } finally {
    await stopServer(server)
  }
  results.ingestion.stored = (await helper('count')).clicks

  // Events through Redis (REDIS_URL, the multi-instance setting): the view's impression goes to
  // a Redis stream instead of the in-process queue. Its own database index, emptied by nobody
  // else here; skipped when no Redis answers.
  const redisUrl = process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/9'
  const redisPages = {
    static: {
      url: `${BASE}/bench-plain`,
      headers: { ...BROWSER, cookie: 'vid=BenchReturningVisitor' },
    },
    experiment: { url: `${BASE}/bench-exp`, headers: BROWSER },
  }
  if (await redisAnswers(redisUrl)) {
    results.redis = await variantRun(redisPages, { REDIS_URL: redisUrl })
    // The same, with the page server only appending to the stream and a second server (no
    // traffic) writing the events to the database: pages and writes in separate processes.
    results.redisWriterApart = await variantRun(
      redisPages,
      { REDIS_URL: redisUrl, EVENT_WRITER: 'false', INSTANCE_ID: 'bench-pages' },
      { REDIS_URL: redisUrl, INSTANCE_ID: 'bench-writer', JOBS_AUTORUN: 'false' },
    )
  } else {
    results.redis = null
    results.redisWriterApart = null
  }
  // Consent mode: a visitor who accepted (cookie spc=yes) is assigned and counted as usual; one
  // who has not gets the control with no cookie and nothing recorded.
  await helper('consent-on')
  try {
    results.consent = await variantRun({
      static: {
        url: `${BASE}/bench-plain`,
        headers: { ...BROWSER, cookie: 'spc=yes; vid=BenchReturningVisitor' },
      },
      experiment: { url: `${BASE}/bench-exp`, headers: { ...BROWSER, cookie: 'spc=yes' } },
      notConsented: { url: `${BASE}/bench-exp`, headers: BROWSER },
    })
  } finally {
    await helper('consent-off')
  }

  results.scale = await helper(
    'scale',
    quick ? { SCALE_SMALL: '10000', SCALE_LARGE: '100000' } : {},
  )
  results.hash = await helper('hash')
  results.dashboard = await helper('dashboard', quick ? { DASHBOARD_EVENTS: '100000' } : {})
  return results
}

/** Where a profiled frame's code lives: a package, a file of the build, or a V8 bucket. */
function ownerOf(url) {
  if (!url) return null
  const file = url.replace(/^file:\/\//, '')
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(file)
  if (pkg) return `${pkg[1]} (${pkg[2].split('/').slice(-2).join('/')})`
  if (file.startsWith('node:')) return file
  return path.relative(process.cwd(), file) || file
}

/**
 * CPU time (ms) the process has used so far, by thread (user + system, from /proc; Linux only):
 * what the sampling profiler cannot tell apart, time on a core from time waiting in a call (a
 * lock, a file sync).
 */
function threadCpu(pid) {
  const tick = 1000 / 100 // USER_HZ
  const byThread = new Map()
  try {
    for (const tid of fs.readdirSync(`/proc/${pid}/task`)) {
      const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      byThread.set(`${tid} ${name}`, (Number(fields[11]) + Number(fields[12])) * tick)
    }
  } catch {
    // not Linux, or the process is gone
  }
  return byThread
}

/** Microseconds of the monotonic clock, the one V8's profiles stamp their samples with. */
const monotonicUs = () => Number(process.hrtime.bigint() / 1000n)

const sourceMaps = new Map()
/**
 * Where a frame of the build came from: its source file and function, read from the build's
 * source map (Next writes them for the server's chunks), so the proxy's code shows as
 * src/proxy.ts rather than as a minified function in a chunk.
 */
function originalFrame({ url, lineNumber, columnNumber, functionName }) {
  const file = url.replace(/^file:\/\//, '')
  if (!file.includes('/.next/') || lineNumber < 0) return null
  if (!sourceMaps.has(file)) {
    let map = null
    try {
      map = new TraceMap(JSON.parse(fs.readFileSync(`${file}.map`, 'utf8')))
    } catch {
      // no map for this file
    }
    sourceMaps.set(file, map)
  }
  const map = sourceMaps.get(file)
  if (!map) return null
  const at = originalPositionFor(map, { line: lineNumber + 1, column: columnNumber })
  if (!at.source) return null
  const source = decodeURIComponent(at.source)
    .replace(/^.*turbopack:\/\/\/(\[project\]\/)?/, '')
    .replace(/^(\.\.\/)+/, '')
  return { source, functionName: at.name || functionName }
}

/**
 * Self time (ms) by frame ({ owner, name }) over the samples of one thread's profile taken in
 * [from, to] (µs of the monotonic clock): the load's window only, not start-up or shutdown. A
 * frame of the build is named by its source file (its source map).
 */
function selfTimes(data, from, to) {
  const frames = new Map(
    data.nodes.map(({ id, callFrame }) => {
      const original = originalFrame(callFrame)
      const owner = original
        ? ownerOf(original.source)
        : (ownerOf(callFrame.url) ?? `(${callFrame.functionName})`)
      const name = original?.functionName || callFrame.functionName || '(anonymous)'
      return [id, { owner, name }]
    }),
  )
  const byFrame = new Map()
  let at = data.startTime
  for (let i = 0; i < data.samples.length; i++) {
    at += data.timeDeltas[i]
    // A sample stands for the time since the one before it.
    if (at < from || at > to) continue
    const frame = frames.get(data.samples[i])
    if (frame.name === '(idle)') continue
    byFrame.set(frame, (byFrame.get(frame) ?? 0) + data.timeDeltas[i] / 1000)
  }
  return byFrame
}

const addTo = (map, key, ms) => map.set(key, (map.get(key) ?? 0) + ms)

/**
 * The server under one page's load with V8's sampling profiler on every thread (`node
 * --cpu-prof`: the main thread and the SQLite writer thread each write a profile): CPU time
 * per request by file and by function, counted over the load's window only.
 */
async function profilePage(name, { url, headers }) {
  const profileDir = path.join(dir, `profile-${name}`)
  fs.rmSync(profileDir, { recursive: true, force: true })
  const server = await startServer(['--cpu-prof', `--cpu-prof-dir=${profileDir}`])
  let load
  let from
  let to
  let cpu = []
  try {
    // Warm: until V8 has optimised the server's code the first seconds are the slowest.
    await pageLoad(url, { headers, duration: WARMUP_SECONDS * 2, connections: CONNECTIONS })
    const before = threadCpu(server.pid)
    from = monotonicUs()
    load = await pageLoad(url, { headers, duration: DURATION * 2, connections: CONNECTIONS })
    to = monotonicUs()
    const after = threadCpu(server.pid)
    cpu = [...after]
      .map(([thread, ms]) => ({ thread, ms: ms - (before.get(thread) ?? 0) }))
      .filter((t) => t.ms > 0)
      .sort((a, b) => b.ms - a.ms)
  } finally {
    await stopServer(server)
  }
  // The thread that serves pages (thread 0 in the profile's name: CPU.<date>.<time>.<pid>.<thread>.
  // <n>.cpuprofile) is the one that bounds throughput; the others (the SQLite writer) are
  // counted apart.
  const byFile = new Map()
  const byFunction = new Map()
  const elsewhere = new Map()
  const threads = []
  for (const file of fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))) {
    const data = JSON.parse(fs.readFileSync(path.join(profileDir, file), 'utf8'))
    const pageThread = /\.0\.\d+\.cpuprofile$/.test(file)
    let busy = 0
    for (const [{ owner, name }, ms] of selfTimes(data, from, to)) {
      busy += ms
      if (!pageThread) {
        addTo(elsewhere, owner, ms)
        continue
      }
      addTo(byFile, owner, ms)
      addTo(byFunction, `${name} · ${owner}`, ms)
    }
    threads.push({ file, pageThread, busyMs: Math.round(busy) })
  }
  if (!threads.length) throw new Error(`no CPU profile was written for ${name}`)
  const requests = load.requests || Math.round(load.rps * DURATION * 2)
  const perRequest = (map) => new Map([...map].map(([key, ms]) => [key, (ms * 1000) / requests]))
  return {
    rps: load.rps,
    requests,
    bad: load.bad,
    threads,
    cpu,
    cpuUsPerRequest: (cpu.reduce((sum, t) => sum + t.ms, 0) * 1000) / requests,
    byFile: perRequest(byFile),
    byFunction: perRequest(byFunction),
    elsewhere: perRequest(elsewhere),
  }
}

/**
 * `--profile`: where an experiment page's time goes, against the static page's. The server is
 * profiled under each page's load (the static page for a returning visitor, the experiment
 * page's first visit), every thread included, and the CPU time per request is compared by file
 * and by function: the table's differences are what an experiment page costs beyond the static
 * one, and where. Writes bench/results/profile.json (the raw profiles stay in .tmp/bench).
 */
async function profile() {
  await freshDatabase()
  const warm = await startServer()
  try {
    for (let i = 0; i < 30; i++) {
      await fetch(`${BASE}/bench-plain`)
      await fetch(`${BASE}/bench-exp`)
    }
  } finally {
    await stopServer(warm)
  }
  const pages = {
    static: {
      url: `${BASE}/bench-plain`,
      headers: { ...BROWSER, cookie: 'vid=BenchReturningVisitor' },
    },
    experiment: { url: `${BASE}/bench-exp`, headers: BROWSER },
  }
  const runs = {}
  for (const [name, page] of Object.entries(pages)) runs[name] = await profilePage(name, page)
  const sum = (map) => [...map.values()].reduce((total, us) => total + us, 0)
  const { static: plain, experiment } = runs
  console.log(
    `\nCPU per request (${hasWrk ? 'wrk' : 'autocannon'}, ${CONNECTIONS} connections, ${DURATION * 2} s each, under the profiler):`,
  )
  for (const [name, run] of Object.entries(runs))
    console.log(
      `  ${name.padEnd(10)} ${run.rps.toFixed(0).padStart(6)} requests/s; the page thread ${sum(run.byFile).toFixed(0).padStart(4)} µs, other JavaScript threads ${sum(run.elsewhere).toFixed(0).padStart(3)} µs; the whole process ${run.cpuUsPerRequest.toFixed(0)} µs of CPU (/proc; threads: ${run.cpu
        .slice(0, 4)
        .map((t) => `${t.thread} ${Math.round(t.ms)} ms`)
        .join(', ')})${run.bad ? `; ${run.bad} not 2xx` : ''}`,
    )
  const difference = (key) => {
    const rows = new Set([...plain[key].keys(), ...experiment[key].keys()])
    return [...rows]
      .map((row) => ({
        row,
        static: plain[key].get(row) ?? 0,
        experiment: experiment[key].get(row) ?? 0,
      }))
      .map((r) => ({ ...r, extra: r.experiment - r.static }))
      .sort((a, b) => b.extra - a.extra)
  }
  const table = (title, rows) => {
    console.log(`\n${title}\n   static  experiment   extra  (µs a request)`)
    for (const r of rows)
      console.log(
        `${r.static.toFixed(1).padStart(8)} ${r.experiment.toFixed(1).padStart(11)} ${r.extra.toFixed(1).padStart(7)}  ${r.row}`,
      )
  }
  const gap = sum(experiment.byFile) - sum(plain.byFile)
  const files = difference('byFile')
  const functions = difference('byFunction')
  const writer = difference('elsewhere')
  console.log(
    `\nthe page thread (the one that bounds requests/s) spends ${gap.toFixed(0)} µs a request more on the experiment page than on the static page (${((sum(experiment.byFile) / sum(plain.byFile) - 1) * 100).toFixed(0)}%); other threads ${(sum(experiment.elsewhere) - sum(plain.elsewhere)).toFixed(0)} µs more`,
  )
  table('the page thread by file, largest extra first', files.slice(0, 15))
  table('the page thread by function, largest extra first', functions.slice(0, 25))
  table('the page thread by file, largest saving first', files.slice(-5).reverse())
  table('other threads (the SQLite writer) by file', writer.slice(0, 8))
  fs.mkdirSync('bench/results', { recursive: true })
  const rounded = (rows) =>
    rows
      .filter((r) => Math.abs(r.extra) >= 1 || r.experiment >= 5)
      .map((r) => ({
        row: r.row,
        static: Number(r.static.toFixed(1)),
        experiment: Number(r.experiment.toFixed(1)),
        extra: Number(r.extra.toFixed(1)),
      }))
  fs.writeFileSync(
    'bench/results/profile.json',
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        commit: execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
        cpus: os.cpus().length,
        unit: 'µs a request',
        pages: Object.fromEntries(
          Object.entries(runs).map(([name, run]) => [
            name,
            {
              rps: run.rps,
              requests: run.requests,
              pageThread: Number(sum(run.byFile).toFixed(1)),
              otherThreads: Number(sum(run.elsewhere).toFixed(1)),
              processCpu: Number(run.cpuUsPerRequest.toFixed(1)),
              profiles: run.threads,
              cpuByThreadMs: run.cpu.map((t) => ({ thread: t.thread, ms: Math.round(t.ms) })),
            },
          ]),
        ),
        pageThreadExtra: Number(gap.toFixed(1)),
        pageThreadByFile: rounded(files),
        pageThreadByFunction: rounded(functions).slice(0, 60),
        otherThreadsByFile: rounded(writer),
      },
      null,
      2,
    )}\n`,
  )
  console.log('\nwritten to bench/results/profile.json')
}

/**
 * `--soak`: the server under the bench's experiment-page load (new visitors: assignment, cookies,
 * an impression and its rollups per request) for SOAK_MINUTES (default 10), its resident memory
 * sampled every 30 s. The heap's collections swing RSS by ±100 MB between samples, so growth is
 * judged on peaks: flat (no leak) when the second half's peak is at most 5% above the first
 * half's and the Theil–Sen slope (median of pairwise slopes, not thrown by one collection's dip)
 * over the second half is under 2 MB a minute. Writes
 * bench/results/soak.json.
 */
async function soak() {
  const minutes = Number(process.env.SOAK_MINUTES || 10)
  await freshDatabase()
  const server = await startServer()
  const samples = []
  let requests = 0
  let bad = 0
  try {
    for (let i = 0; i < 30; i++) await fetch(`${BASE}/bench-exp`, { headers: BROWSER })
    const started = Date.now()
    while (Date.now() - started < minutes * 60_000) {
      const load = await pageLoad(`${BASE}/bench-exp`, {
        headers: BROWSER,
        duration: 30,
        connections: CONNECTIONS,
      })
      requests += Math.round(load.rps * 30)
      bad += load.bad
      const sample = {
        minute: Number(((Date.now() - started) / 60_000).toFixed(2)),
        rssMb: currentRss(server.pid),
        rps: Math.round(load.rps),
      }
      samples.push(sample)
      console.log(`soak ${sample.minute} min: RSS ${sample.rssMb} MB, ${sample.rps} requests/s`)
    }
  } finally {
    await stopServer(server)
  }
  const firstHalf = samples.slice(0, Math.floor(samples.length / 2))
  const half = samples.slice(Math.floor(samples.length / 2))
  // Theil–Sen slope of RSS over time in the second half (MB per minute): the median of the
  // slopes between every two samples. A least-squares line was thrown by one collection's dip
  // (529 MB between samples of 615–629 MB gave 9.98 MB/min on a flat run).
  const slopes = half.flatMap((a, i) =>
    half.slice(i + 1).map((b) => (b.rssMb - a.rssMb) / Math.max(b.minute - a.minute, 1e-9)),
  )
  const slope = slopes.length ? median(slopes) : 0
  const peak = (list) => Math.max(...list.map((x) => x.rssMb))
  const growth = peak(half) / peak(firstHalf) - 1
  const report = {
    date: new Date().toISOString(),
    minutes,
    generator: hasWrk ? 'wrk' : 'autocannon',
    requests,
    notOk: bad,
    peakRssMb: Math.max(...samples.map((x) => x.rssMb)),
    secondHalfPeakGrowth: Number(growth.toFixed(3)),
    secondHalfSlopeMbPerMinute: Number(slope.toFixed(2)),
    flat: growth <= 0.05 && slope < 2,
    samples,
  }
  fs.mkdirSync('bench/results', { recursive: true })
  fs.writeFileSync('bench/results/soak.json', `${JSON.stringify(report, null, 2)}\n`)
  console.log(
    `\nsoak: ${minutes} min, ${requests} requests (${bad} not 2xx), RSS ${samples[0].rssMb} → ${samples.at(-1).rssMb} MB (peak ${report.peakRssMb}); second half's peak ${(growth * 100).toFixed(1)}% over the first's, slope ${slope.toFixed(2)} MB/min: ${report.flat ? 'flat' : 'GROWING'}\nwritten to bench/results/soak.json`,
  )
}

if (args.has('--profile')) {
  await profile()
  process.exit(0)
}
if (args.has('--soak')) {
  await soak()
  process.exit(0)
}

const results = await main()
const { pages, ingestion, scale, hash, dashboard, browser } = results
/** A ratio counts only when every request of its run was answered 2xx (errors are fast). */
const allAnswered = (run) => Object.values(run).every((page) => page.bad === 0)
const rows = [
  [
    'experiment page (first visit) ÷ static page, requests/s',
    pages.experiment.rps / pages.static.rps,
    '≥ 0.90',
    (v) => v >= 0.9,
  ],
  [
    'experiment page (first visit) ÷ static page, p99 latency',
    pages.experiment.p99 / Math.max(pages.static.p99, 1),
    '≤ 1.30',
    (v) => v <= 1.3,
  ],
  [
    'experiment page ÷ same page without experiment, requests/s',
    pages.experiment.rps / pages.noExperiment.rps,
    '≥ 0.95',
    (v) => v >= 0.95,
  ],
  [
    'returning visitor: experiment page ÷ static page, requests/s',
    pages.experimentReturning.rps / pages.static.rps,
    '≥ 0.90',
    (v) => v >= 0.9,
  ],
  [
    'returning visitor: experiment page ÷ static page, p99 latency',
    pages.experimentReturning.p99 / Math.max(pages.static.p99, 1),
    '≤ 1.30',
    (v) => v <= 1.3,
  ],
  [
    'targeted experiment (audience rules, goals; first visit) ÷ untargeted experiment, requests/s',
    pages.targeted.rps / pages.experiment.rps,
    '≥ 0.95',
    (v) => v >= 0.95,
  ],
  ...(results.redis
    ? [
        [
          'events through Redis (REDIS_URL): experiment page (first visit) ÷ static page, requests/s',
          results.redis.experiment.rps / results.redis.static.rps,
          '≥ 0.90',
          (v) => v >= 0.9 && allAnswered(results.redis),
        ],
        [
          'events through Redis, written by another instance (EVENT_WRITER=false): experiment ÷ static',
          results.redisWriterApart.experiment.rps / results.redisWriterApart.static.rps,
          '≥ 0.90',
          (v) => v >= 0.9 && allAnswered(results.redisWriterApart),
        ],
      ]
    : []),
  [
    'consent mode, visitor accepted: experiment page (first visit) ÷ static page, requests/s',
    results.consent.experiment.rps / results.consent.static.rps,
    '≥ 0.90',
    (v) => v >= 0.9 && allAnswered(results.consent),
  ],
  [
    'Chromium first visit of the experiment page: document requests',
    browser.experiment.documents,
    '= 1',
    (v) => v === 1,
  ],
  [
    'Chromium first visit: LCP in an experiment ÷ without one (same content)',
    browser.experiment.lcpMs / Math.max(browser.plain.lcpMs, 1),
    '≤ 1.10',
    (v) => v <= 1.1,
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
    `results of 10 variants × 365 days, ${dashboard.events} events (ms, this machine)`,
    dashboard.resultsMs,
    '≤ 150',
    (v) => v <= 150,
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
  `\n${results.generator}, requests/s (median of ${ROUNDS}): static ${pages.static.rps.toFixed(0)}, no experiment ${pages.noExperiment.rps.toFixed(0)}, experiment ${pages.experiment.rps.toFixed(0)}, experiment returning ${pages.experimentReturning.rps.toFixed(0)}; ` +
    `p99 ms: ${Object.values(pages)
      .map((p) => p.p99.toFixed(1))
      .join(', ')}; non-2xx/errors: ${Object.values(pages).reduce((sum, p) => sum + p.bad, 0)}`,
)
if (results.autocannonOnce) {
  const a = results.autocannonOnce
  console.log(
    `autocannon once (in Node, sharing the cores): static ${a.static.rps.toFixed(0)}, experiment ${a.experiment.rps.toFixed(0)} requests/s = ${(a.experiment.rps / a.static.rps).toFixed(2)}`,
  )
}
console.log(`server peak RSS during the page runs: ${results.serverPeakRssMb ?? '?'} MB`)
const pair = (run) =>
  Object.entries(run)
    .map(
      ([name, p]) =>
        `${name} ${p.rps.toFixed(0)} req/s (p99 ${p.p99.toFixed(1)} ms${p.bad ? `, ${p.bad} NOT 2xx` : ''})`,
    )
    .join(', ')
console.log(
  results.redis
    ? `with REDIS_URL: ${pair(results.redis)}; events written by another instance: ${pair(results.redisWriterApart)}`
    : 'with REDIS_URL: skipped (no Redis answered at BENCH_REDIS_URL or 127.0.0.1:6379)',
)
console.log(`consent mode: ${pair(results.consent)}`)
console.log(`events: ${ingestion.accepted} accepted (204), ${ingestion.stored} stored`)
console.log(
  `Chromium first visits (medians): experiment TTFB ${browser.experiment.ttfbMs.toFixed(1)} ms, FCP ${browser.experiment.fcpMs.toFixed(0)} ms, LCP ${browser.experiment.lcpMs.toFixed(0)} ms; without experiment TTFB ${browser.plain.ttfbMs.toFixed(1)} ms, FCP ${browser.plain.fcpMs.toFixed(0)} ms, LCP ${browser.plain.lcpMs.toFixed(0)} ms`,
)
console.log(
  `database (SQLite) per million events, with their rollups: ${dashboard.mbPerMillionEvents.toFixed(0)} MB`,
)
console.log('written to bench/results/latest.json')
