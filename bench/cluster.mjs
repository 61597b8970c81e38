// `npm run bench -- --cluster [--quick]`: throughput through the load balancer (nginx) of
// (a) one instance without Redis, (b) one instance with REDIS_URL (events through the stream,
// shared rate limits) and (c) three instances with Redis — for the experiment page (new visitors,
// each an impression) and the tracking endpoint. Ratios from one run; these 2 cores cap what
// three instances can add, so the 3-vs-1 figure says what the balancer and sharing cost, not
// what more machines would give. Writes bench/results/cluster.json.
import fs from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'

import { startCluster } from '../scripts/cluster-lib.mjs'
import { hasWrk, pageLoad } from './load.mjs'

const args = new Set(process.argv.slice(2))
const quick = args.has('--quick')
const DURATION = quick ? 5 : 10
const ROUNDS = quick ? 1 : 3
const CONNECTIONS = 20
const PORT = Number(process.env.BENCH_CLUSTER_PORT || 3600)
const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
/** Requests/s and p99 (ms) of new visitors loading `url` (wrk when installed). */
const loadPage = (url) =>
  pageLoad(url, {
    headers: { 'user-agent': UA, 'sec-fetch-dest': 'document' },
    duration: DURATION,
    connections: CONNECTIONS,
  })

/** Tracking beacons from distinct visitors and addresses (rate limits measure nothing here). */
function trackLoad(base) {
  let n = 0
  return new Promise((resolve, reject) =>
    autocannon(
      {
        url: `${base}/api/track`,
        method: 'POST',
        connections: CONNECTIONS,
        duration: DURATION,
        requests: [
          {
            setupRequest: (request) => {
              const i = n++
              return {
                ...request,
                headers: {
                  'content-type': 'application/json',
                  origin: base,
                  cookie: `vid=benchcluster${String(i).padStart(9, '0')}`,
                  'x-forwarded-for': `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
                },
                body: JSON.stringify({ type: 'custom', name: 'bench', path: '/' }),
              }
            },
          },
        ],
      },
      (error, r) =>
        error ? reject(error) : resolve({ rps: r.requests.average, bad: r.non2xx + r.errors }),
    ),
  )
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

async function measure(name, options) {
  const cluster = await startCluster({
    port: PORT,
    dir: path.resolve('.tmp/bench-cluster'),
    log: () => {},
    // The load generator plays many clients behind an outer balancer that names them in
    // X-Forwarded-For (else every beacon shares one address and its rate limit).
    extraEnv: { TRUSTED_PROXY_HOPS: '2' },
    ...options,
  })
  try {
    for (let i = 0; i < 60; i++) await fetch(`${cluster.url}/`, { headers: { 'user-agent': UA } })
    const pages = []
    const tracks = []
    for (let round = 0; round < ROUNDS; round++) {
      pages.push(await loadPage(`${cluster.url}/`))
      tracks.push(await trackLoad(cluster.url))
    }
    const result = {
      name,
      pageRps: median(pages.map((p) => p.rps)),
      pageP99: median(pages.map((p) => p.p99)),
      trackRps: median(tracks.map((t) => t.rps)),
      pageBad: pages.reduce((sum, r) => sum + r.bad, 0),
      trackBad: tracks.reduce((sum, r) => sum + r.bad, 0),
    }
    console.log(
      `${name.padEnd(28)} page ${result.pageRps.toFixed(0)} req/s (p99 ${result.pageP99.toFixed(1)} ms, non-2xx ${result.pageBad}), tracking ${result.trackRps.toFixed(0)} req/s (non-2xx ${result.trackBad})`,
    )
    return result
  } finally {
    await cluster.stop()
  }
}

if (!fs.existsSync('.next/BUILD_ID')) {
  console.error('No production build: run `npm run build` first.')
  process.exit(1)
}
delete process.env.DATABASE_URI
delete process.env.REDIS_URL
console.log(`load generator: ${hasWrk ? 'wrk (pages), autocannon (tracking)' : 'autocannon'}`)
const one = await measure('1 instance, no Redis', { instances: 1, useRedis: false })
const oneRedis = await measure('1 instance, REDIS_URL set', { instances: 1 })
const three = await measure('3 instances, REDIS_URL set', { instances: 3 })
const ratios = {
  'page, REDIS_URL set ÷ unset (1 instance)': oneRedis.pageRps / one.pageRps,
  'page p99, REDIS_URL set ÷ unset (1 instance)': oneRedis.pageP99 / one.pageP99,
  'tracking, REDIS_URL set ÷ unset (1 instance)': oneRedis.trackRps / one.trackRps,
  'page, 3 instances ÷ 1 (both with Redis)': three.pageRps / oneRedis.pageRps,
  'tracking, 3 instances ÷ 1 (both with Redis)': three.trackRps / oneRedis.trackRps,
}
console.log('')
for (const [name, value] of Object.entries(ratios))
  console.log(`${name.padEnd(48)} ${value.toFixed(2)}`)
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync(
  'bench/results/cluster.json',
  `${JSON.stringify({ date: new Date().toISOString(), quick, rounds: ROUNDS, durationSeconds: DURATION, runs: [one, oneRedis, three], ratios }, null, 2)}\n`,
)
console.log('written to bench/results/cluster.json')
