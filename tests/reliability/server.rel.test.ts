import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'
import { nanoid } from 'nanoid'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Against the production build (`next build`, as `npm test` leaves it) on a database of its own.
const PORT = Number(process.env.RELIABILITY_PORT || 3400)
const BASE = `http://127.0.0.1:${PORT}`
const dir = path.resolve('.tmp/reliability-server')
const mongo = process.env.TEST_DATABASE_URI?.startsWith('mongodb')
const databaseUri = mongo
  ? `${process.env.TEST_DATABASE_URI!.replace(/\/?$/, '/')}splitpage_rel_${nanoid(6).replace(/\W/g, 'x')}`
  : `file:${path.join(dir, 'server.db')}`
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  NEXT_TELEMETRY_DISABLED: '1',
  DATABASE_URI: databaseUri,
  MEDIA_DIR: path.join(dir, 'media'),
  PAYLOAD_SECRET: 'reliability-only-secret',
  // The load generator plays many clients behind one balancer that appends their address.
  TRUSTED_PROXY_HOPS: '1',
}

let server: ChildProcess | null = null

function run(command: string, args: string[]) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: 'ignore' })
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${args.join(' ')}: ${code}`)),
    )
  })
}

async function startServer() {
  server = spawn(
    'node',
    ['node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', String(PORT)],
    { env, stdio: process.env.RELIABILITY_SERVER_LOGS ? 'inherit' : 'ignore' },
  )
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).ok) return
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('server did not start')
}

async function stopServer(signal: NodeJS.Signals = 'SIGTERM') {
  const child = server
  server = null
  if (!child || child.exitCode !== null) return
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve())
    child.kill(signal)
  })
}

const load = (options: autocannon.Options) =>
  new Promise<autocannon.Result>((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  )

async function storedClicks(blockId: string): Promise<number> {
  const login = await fetch(`${BASE}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@splitpage.local', password: 'splitpage-demo' }),
  })
  const { token } = await login.json()
  const response = await fetch(
    `${BASE}/api/analytics-events?limit=1&where[eventType][equals]=click&where[blockId][equals]=${blockId}`,
    { headers: { Authorization: `JWT ${token}` } },
  )
  return (await response.json()).totalDocs
}

beforeAll(async () => {
  if (!fs.existsSync('.next/BUILD_ID')) throw new Error('run `npm run build` (or `npm test`) first')
  fs.rmSync(dir, { recursive: true, force: true })
  fs.mkdirSync(dir, { recursive: true })
  // Next keeps rendered pages and data on disk across restarts; they belong to another database.
  for (const cache of ['.next/cache/fetch-cache', '.next/server/route-cache']) {
    fs.rmSync(cache, { recursive: true, force: true })
  }
  await run('node', ['scripts/seed.mjs'])
  await startServer()
}, 180_000)
afterAll(async () => {
  await stopServer()
})

function dirBytes(dir: string): number {
  if (!fs.existsSync(dir)) return 0
  let total = 0
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += fs.statSync(path.join(entry.parentPath, entry.name)).size
  }
  return total
}

describe('unknown addresses', () => {
  it('do not grow the on-disk page cache: 404s are not stored per path', async () => {
    const caches = ['.next/server/route-cache', '.next/cache/fetch-cache']
    // The one not-found path, rendered once before measuring.
    expect((await fetch(`${BASE}/no-such-page-warm-up`)).status).toBe(404)
    const before = caches.map(dirBytes)
    const paths = [
      ...Array.from({ length: 200 }, (_, i) => `/random-${i}-${nanoid(6).toLowerCase()}`),
      ...Array.from({ length: 50 }, (_, i) => `/UPPER-${i}`),
      ...Array.from({ length: 50 }, () => `/vr/${nanoid(16)}~home~1~1`),
    ]
    for (const p of paths) {
      const response = await fetch(`${BASE}${p}`)
      expect(response.status).toBe(404)
      await response.arrayBuffer()
    }
    const grown = caches.map((dir, i) => dirBytes(dir) - before[i])
    console.log(
      `[cache] ${paths.length} unknown paths grew the page cache by ${grown[0]} bytes and the data cache by ${grown[1]} bytes`,
    )
    expect(grown[0]).toBeLessThan(10_000)
    expect(grown[1]).toBeLessThan(10_000)
  })
})

describe('the production server under load', () => {
  it('answers 60 s of sustained load on landing pages with no error and no non-2xx', async () => {
    // First renders (which fill the static page cache) happen before the load, as after a deploy.
    for (const page of ['/', '/webinar']) {
      for (let i = 0; i < 10; i++) expect((await fetch(`${BASE}${page}`)).status).toBe(200)
    }
    const result = await load({
      url: BASE,
      connections: 20,
      duration: Number(process.env.RELIABILITY_LOAD_SECONDS || 60),
      requests: [{ path: '/' }, { path: '/webinar' }],
    })
    expect(result.errors).toBe(0)
    expect(result.timeouts).toBe(0)
    expect(result.non2xx).toBe(0)
    expect(result['2xx']).toBeGreaterThan(1000)
  })

  it('writes every accepted event when stopped with SIGTERM under load, losing none', async () => {
    const home = await (await fetch(`${BASE}/`)).text()
    const blockId = /data-block-id="([^"]+)"/.exec(home)![1]
    // The first tracking request starts Payload in that route; the measurement starts after it.
    const warm = await fetch(`${BASE}/api/track`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        origin: BASE,
        cookie: 'vid=relWarmUpVisitor00000',
      },
      body: JSON.stringify({ type: 'custom', name: 'warm-up', path: '/' }),
    })
    expect(warm.status).toBe(204)
    let n = 0
    let accepted = 0
    const instance = autocannon(
      {
        url: `${BASE}/api/track`,
        method: 'POST',
        connections: 20,
        duration: 30,
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
                  cookie: `vid=rel${String(i).padStart(18, '0')}`,
                  'x-forwarded-for': `10.9.${(i >> 8) & 255}.${i & 255}`,
                },
                body: JSON.stringify({ type: 'click', blockId, path: '/' }),
              }
            },
          },
        ],
      },
      () => undefined,
    )
    instance.on('response', (_client, statusCode) => {
      if (statusCode === 204) accepted++
    })
    await new Promise((resolve) => setTimeout(resolve, 3000))
    await stopServer('SIGTERM')
    // Let the load generator take in every answer the server sent before it went away.
    await new Promise((resolve) => setTimeout(resolve, 1000))
    instance.stop()
    expect(accepted).toBeGreaterThan(100)

    await startServer()
    const stored = await storedClicks(blockId)
    // Every accepted (204) event is stored. A few more may be: requests in flight when the server
    // went away (at most one per connection) were written, but their answers never arrived.
    expect(stored).toBeGreaterThanOrEqual(accepted)
    expect(stored - accepted).toBeLessThanOrEqual(20)
  })
})
