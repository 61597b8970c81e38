import fs from 'node:fs'
import path from 'node:path'

import autocannon from 'autocannon'
import { Redis } from 'ioredis'
import { MongoClient, ObjectId } from 'mongodb'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MIN_SECONDS_BEFORE_SUBMIT } from '@/lib/leads/handleLeadSubmission'

import { startCluster } from '../../scripts/cluster-lib.mjs'
import {
  adminSession,
  experimentOf,
  mergeCookies,
  pageHeaders,
  pollUntil,
  sleep,
  submitLeadForm,
  variantOf,
  webhookReceiver,
} from './helpers'

// Three production instances of the current build (`npm test` leaves one) behind nginx (round
// robin, no stickiness), with a Redis (AOF) and a FerretDB of their own. Goals (README): a change
// in force everywhere within 1 s; no answered event or thanked lead lost.
const PORT = Number(process.env.CLUSTER_TEST_PORT || 3500)
const RECEIVER_PORT = PORT + 20
const instancePort = (index: number) => PORT + 1 + index

type Cluster = Awaited<ReturnType<typeof startCluster>>
let cluster: Cluster
let admin: Awaited<ReturnType<typeof adminSession>>
let redis: Redis
/** The suite's own connection to the cluster's database: read-backs do not go through the instances. */
let database: MongoClient
let experimentId: string

beforeAll(async () => {
  // The cluster starts its own Redis and FerretDB (not the machine's or the suite's).
  delete process.env.REDIS_URL
  delete process.env.DATABASE_URI
  cluster = await startCluster({
    port: PORT,
    dir: path.resolve('.tmp/cluster-test'),
    extraEnv: {
      LEAD_WEBHOOK_SECRET: 'cluster-webhook-secret',
      ALLOW_LOOPBACK_WEBHOOKS: 'true',
      WEBHOOK_RETRY_BASE_MS: '500',
      WEBHOOK_MAX_ATTEMPTS: '10',
      JOBS_AUTORUN: 'true',
      // Short enough for a test: a job orphaned by `kill -9` runs again after 5 s.
      JOBS_STALE_AFTER_MS: '5000',
      EVENT_CLAIM_IDLE_MS: '3000',
      // Short enough for the stalled-database test to reach them (defaults: 60 s each).
      MONGODB_SOCKET_TIMEOUT_MS: '15000',
      EVENT_DELIVERY_DEADLINE_MS: '25000',
    },
    log: (line: string) => console.log(line),
    // Media in a bucket of an S3-compatible server (gofakes3), as several instances need.
    useS3: true,
  })
  redis = new Redis(cluster.redisUrl)
  database = new MongoClient(cluster.databaseUri, { serverSelectionTimeoutMS: 5_000 })
  // The suite stops this Redis on purpose; the client reconnects by itself.
  redis.on('error', () => {})
  admin = await adminSession(cluster.url)
  const running = await admin.get<{ docs: { id: string }[] }>(
    cluster.url,
    '/api/experiments?where[status][equals]=running&depth=0',
  )
  experimentId = String(running.docs[0].id)
}, 300_000)

afterAll(async () => {
  redis?.disconnect()
  await database?.close()
  await cluster?.stop()
})

/** Impressions of the running experiment stored now, counted in the database itself. */
const impressions = () =>
  database
    .db()
    .collection('analytics-events')
    .countDocuments({ experiment: new ObjectId(experimentId), eventType: 'impression' })

/** Waits until the stored impressions stop growing (the stream is drained); returns the count. */
async function settledImpressions(atLeast: number, timeoutMs = 60_000) {
  let last = -1
  let stableSince = Date.now()
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    const now = await impressions().catch(() => null)
    if (now === null) {
      // A failed read says nothing: it must not pass for "no more writes".
      stableSince = Date.now()
      await sleep(250)
      continue
    }
    if (now !== last) {
      last = now
      stableSince = Date.now()
    }
    if (now >= atLeast && Date.now() - stableSince > 1_500) return now
    if (now < atLeast && Date.now() - stableSince > 20_000) return now
    await sleep(250)
  }
  return last
}

/** Page views for `durationSeconds`, as fast as answered or at `overallRate` requests/s. */
function loadPages(durationSeconds: number, overallRate?: number) {
  return new Promise<autocannon.Result>((resolve, reject) => {
    autocannon(
      {
        url: `${cluster.url}/`,
        connections: 10,
        duration: durationSeconds,
        ...(overallRate ? { overallRate } : {}),
        headers: pageHeaders(),
        timeout: 10,
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    )
  })
}

describe('several instances behind a load balancer', () => {
  it('keep one variant per visitor across instances, with one impression per view', async () => {
    const before = await impressions()
    const first = await fetch(`${cluster.url}/`, { headers: pageHeaders() })
    let cookie = mergeCookies('', first)
    const variants = new Set([variantOf(await first.text())])
    const upstreams = new Set([first.headers.get('x-upstream')])
    const views = 12
    for (let i = 1; i < views; i++) {
      const response = await fetch(`${cluster.url}/`, { headers: pageHeaders(cookie) })
      cookie = mergeCookies(cookie, response)
      variants.add(variantOf(await response.text()))
      upstreams.add(response.headers.get('x-upstream'))
    }
    const stored = (await settledImpressions(before + views)) - before
    console.log(
      `[cluster] ${views} views over ${upstreams.size} instances: ${variants.size} variant, ${stored} impressions`,
    )
    expect(upstreams.size).toBe(3)
    expect(variants.size).toBe(1)
    expect([...variants][0]).toBeTruthy()
    expect(stored).toBe(views)
  })

  it('put a change made on one instance in force on the others (goal ≤ 1 s)', async () => {
    const others = [1, 2].map((index) => `http://127.0.0.1:${instancePort(index)}`)
    const servesExperiment = async (base: string) =>
      experimentOf(await (await fetch(`${base}/`, { headers: pageHeaders() })).text()) !== null
    for (const base of others) expect(await servesExperiment(base)).toBe(true)

    const instanceOne = `http://127.0.0.1:${instancePort(0)}`
    await admin.patch(instanceOne, `/api/experiments/${experimentId}`, { status: 'paused' })
    const paused = await Promise.all(
      others.map((base) => pollUntil(async () => !(await servesExperiment(base)), 5_000)),
    )
    await admin.patch(instanceOne, `/api/experiments/${experimentId}`, { status: 'running' })
    const resumed = await Promise.all(
      others.map((base) => pollUntil(() => servesExperiment(base), 5_000)),
    )

    // A page's headline edited through instance 2, read from instances 1 and 3 (rendered and
    // cached there before the edit).
    const { docs } = await admin.get<{ docs: { id: string; layout: Record<string, unknown>[] }[] }>(
      cluster.url,
      '/api/pages?where[slug][equals]=webinar&depth=0',
    )
    const page = docs[0]
    const readers = [0, 2].map((index) => `http://127.0.0.1:${instancePort(index)}`)
    for (const base of readers) await fetch(`${base}/webinar`, { headers: pageHeaders() })
    const headline = `Edited on one instance ${Date.now()}`
    const layout = page.layout.map((block) =>
      block.blockType === 'hero' ? { ...block, headline } : block,
    )
    await admin.patch(`http://127.0.0.1:${instancePort(1)}`, `/api/pages/${page.id}`, { layout })
    const edited = await Promise.all(
      readers.map((base) =>
        pollUntil(
          async () =>
            (await (await fetch(`${base}/webinar`, { headers: pageHeaders() })).text()).includes(
              headline,
            ),
          5_000,
        ),
      ),
    )
    console.log(
      `[cluster] propagation (ms, per other instance): pause ${paused.join(', ')}; resume ${resumed.join(', ')}; headline ${edited.join(', ')}`,
    )
    for (const ms of [...paused, ...resumed, ...edited]) expect(ms).not.toBeNull()
  })

  it('accept a lead posted to another instance than the one that served the form', async () => {
    const served = await fetch(`http://127.0.0.1:${instancePort(0)}/`, { headers: pageHeaders() })
    const cookie = mergeCookies('', served)
    const html = await served.text()
    // A form sent sooner than 2 s after its page view is taken for a bot's (and dropped).
    await sleep(MIN_SECONDS_BEFORE_SUBMIT * 1000 + 100)
    const email = `across-${Date.now()}@example.com`
    const result = await submitLeadForm(html, {
      postTo: `http://127.0.0.1:${instancePort(1)}/`,
      cookie,
      email,
    })
    expect(result.message).toMatch(/thanks/i)
    const { docs } = await admin.get<{ docs: { experiment: string; variant: string }[] }>(
      cluster.url,
      `/api/leads?where[email][equals]=${encodeURIComponent(email)}&depth=0`,
    )
    console.log(`[cluster] lead served by instance 1, posted to instance 2: ${result.message}`)
    expect(docs).toHaveLength(1)
    expect(String(docs[0].experiment)).toBe(experimentOf(html))
    expect(String(docs[0].variant)).toBe(variantOf(html))
  })

  it('store an upload in the S3 bucket and serve it from every instance', async () => {
    const image = await sharp({
      create: { width: 24, height: 16, channels: 3, background: '#2f6fed' },
    })
      .png()
      .toBuffer()
    const name = `cluster-${Date.now()}.png`
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(image)], { type: 'image/png' }), name)
    form.append('_payload', JSON.stringify({ alt: 'Uploaded through instance 1' }))
    const uploaded = await fetch(`http://127.0.0.1:${instancePort(0)}/api/media`, {
      method: 'POST',
      headers: { authorization: `JWT ${admin.token}` },
      body: form,
    })
    expect(uploaded.status).toBe(201)
    const { doc } = (await uploaded.json()) as { doc: { filename: string; url: string } }
    const inBucket = await fetch(`${cluster.s3!.endpoint}/${cluster.s3!.bucket}/${doc.filename}`)
    expect(inBucket.status).toBe(200)
    const stored = Buffer.from(await inBucket.arrayBuffer())
    const served: number[] = []
    for (const index of [1, 2]) {
      const response = await fetch(`http://127.0.0.1:${instancePort(index)}${doc.url}`)
      expect(response.status).toBe(200)
      expect(Buffer.from(await response.arrayBuffer()).equals(stored)).toBe(true)
      served.push(index + 1)
    }
    // Nothing on the instances' shared disk: the bucket is the only copy.
    expect(fs.existsSync(path.join(cluster.env.MEDIA_DIR, doc.filename))).toBe(false)
    console.log(
      `[cluster] media: uploaded through instance 1 into bucket ${cluster.s3!.bucket} (${stored.length} bytes), served identically by instances ${served.join(' and ')}`,
    )
  })

  it('hold a rate limit across instances, whatever X-Forwarded-For the client sends', async () => {
    // Failed logins: 10 a minute per client address (shared in Redis).
    const clear = async () => {
      const keys = await redis.keys('splitpage:rl:login:*')
      if (keys.length) await redis.del(...keys)
    }
    await clear()
    const statuses: number[] = []
    const upstreams = new Set<string | null>()
    for (let i = 0; i < 16; i++) {
      const response = await fetch(`${cluster.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `203.0.113.${i}` },
        body: JSON.stringify({ email: 'admin@splitpage.local', password: `wrong-${i}` }),
      })
      statuses.push(response.status)
      upstreams.add(response.headers.get('x-upstream'))
    }
    await clear()
    const admitted = statuses.filter((status) => status !== 429).length
    console.log(
      `[cluster] 16 failed logins (spoofed X-Forwarded-For) over ${upstreams.size} instances: ${admitted} admitted, ${16 - admitted} refused (limit 10)`,
    )
    expect(upstreams.size).toBe(3)
    expect(admitted).toBe(10)
  })

  it('lose no answered view and no thanked lead when an instance is killed (kill -9) under load', async () => {
    const before = await impressions()
    const thanked: string[] = []
    let leadsRunning = true
    const leadLoop = async (loop: number) => {
      for (let i = 0; leadsRunning; i++) {
        const page = await fetch(`${cluster.url}/`, { headers: pageHeaders() }).catch(() => null)
        if (!page?.ok) continue
        await sleep(MIN_SECONDS_BEFORE_SUBMIT * 1000 + 100)
        const email = `kill-${Date.now()}-${loop}-${i}@example.com`
        const result = await submitLeadForm(await page.text(), {
          postTo: `${cluster.url}/`,
          cookie: mergeCookies('', page),
          email,
        }).catch(() => null)
        if (result?.ok) thanked.push(email)
      }
    }
    const leads = Promise.all([0, 1, 2].map(leadLoop))
    const victim = cluster.instances[1]
    const load = loadPages(10)
    await sleep(2_500)
    await victim.stop('SIGKILL')
    const killedAt = Date.now()
    await sleep(2_500)
    const restartMs = await victim.start()
    const backAfterMs = Date.now() - killedAt
    const result = await load
    leadsRunning = false
    await leads
    const stored = (await settledImpressions(before + result['2xx'])) - before
    let storedLeads = 0
    for (const email of thanked) storedLeads += await admin.count(cluster.url, 'leads', { email })
    console.log(
      `[cluster] kill -9 of one instance under load: ${result['2xx']} views answered, ${result.non2xx} non-2xx, ${result.errors} errors; ${stored} impressions stored (lost ${Math.max(0, result['2xx'] - stored)}, extra ${Math.max(0, stored - result['2xx'])} from retried requests); back ${backAfterMs} ms after the kill (restarted 2.5 s after it, ready in ${restartMs} ms); leads thanked ${thanked.length}, stored ${storedLeads}`,
    )
    expect(result['2xx']).toBeGreaterThan(200)
    expect(stored).toBeGreaterThanOrEqual(result['2xx'])
    expect(thanked.length).toBeGreaterThan(3)
    expect(storedLeads).toBe(thanked.length)
  })

  it('deliver a webhook pending when its worker is killed, once, after the restart', async () => {
    // The receiver holds the first delivery open, so the worker is killed in mid-delivery.
    let held = 0
    const receiver = await webhookReceiver(RECEIVER_PORT, () => held++ === 0)
    try {
      await admin.post(cluster.url, '/api/globals/site-settings', {
        leadWebhookUrl: receiver.url,
      })
      const page = await fetch(`${cluster.url}/`, { headers: pageHeaders() })
      await sleep(MIN_SECONDS_BEFORE_SUBMIT * 1000 + 100)
      const email = `webhook-${Date.now()}@example.com`
      const result = await submitLeadForm(await page.text(), {
        postTo: `${cluster.url}/`,
        cookie: mergeCookies('', page),
        email,
      })
      expect(result.ok).toBe(true)
      expect(await pollUntil(async () => receiver.deliveries.length > 0, 30_000)).not.toBeNull()
      const holder = await redis.get('splitpage:lease:jobs')
      // INSTANCE_ID is `instance-<n>`: the lease names the worker.
      const worker = cluster.instances[Number(holder?.split('-')[1]) - 1]
      expect(worker).toBeTruthy()
      await worker.stop('SIGKILL')
      const killedAt = Date.now()
      await worker.start()
      const delivered = await pollUntil(
        async () => {
          const { docs } = await admin.get<{ docs: { webhook?: { status?: string } }[] }>(
            cluster.url,
            `/api/leads?where[email][equals]=${encodeURIComponent(email)}&depth=0`,
          )
          return docs[0]?.webhook?.status === 'delivered'
        },
        90_000,
        500,
      )
      const distinct = new Set(receiver.deliveries)
      console.log(
        `[cluster] webhook: worker ${holder} killed in mid-delivery; delivered ${delivered === null ? 'never' : `${Date.now() - killedAt} ms after the kill`}; ${receiver.deliveries.length} requests, ${distinct.size} distinct delivery id`,
      )
      expect(delivered).not.toBeNull()
      expect(distinct.size).toBe(1)
    } finally {
      await admin.post(cluster.url, '/api/globals/site-settings', { leadWebhookUrl: '' })
      await receiver.close()
    }
  })

  it('keep serving pages while Redis is stopped for 10 s, and lose no answered view', async () => {
    const before = await impressions()
    const load = loadPages(16)
    await sleep(3_000)
    await cluster.redis!.stop('SIGTERM')
    const stoppedAt = Date.now()
    await sleep(10_000)
    await cluster.redis!.start()
    const downMs = Date.now() - stoppedAt
    const result = await load
    const stored = (await settledImpressions(before + result['2xx'])) - before
    console.log(
      `[cluster] Redis stopped ${downMs} ms under load: ${result['2xx']} views answered, ${result.non2xx} non-2xx, ${result.errors} errors; ${stored} impressions stored (lost ${Math.max(0, result['2xx'] - stored)})`,
    )
    expect(result.non2xx).toBe(0)
    expect(result.errors).toBe(0)
    expect(stored).toBeGreaterThanOrEqual(result['2xx'])
  })

  it('keep serving pages while the database stalls for 30 s, and write the views once it answers', async () => {
    // SIGSTOP: the server's connections stay open and nothing is answered, the case where a
    // write could wait for ever (MONGODB_SOCKET_TIMEOUT_MS and EVENT_DELIVERY_DEADLINE_MS bound it).
    const before = await impressions()
    // At a set rate: FerretDB writes a few hundred events a second here, and an unthrottled load
    // left a backlog that took 122 s to drain after the stall (most of the test's time).
    const load = loadPages(36, 300)
    await sleep(3_000)
    cluster.ferret!.pause()
    const stalledAt = Date.now()
    try {
      await sleep(30_000)
    } finally {
      cluster.ferret!.resume()
    }
    const stalledMs = Date.now() - stalledAt
    const result = await load
    const resumedAt = Date.now()
    const stored = (await settledImpressions(before + result['2xx'], 120_000)) - before
    const waiting = await redis.xlen('splitpage:events')
    console.log(
      `[cluster] database stalled ${stalledMs} ms under load: ${result['2xx']} views answered, ${result.non2xx} non-2xx, ${result.errors} errors (${result.timeouts} timeouts); ${stored} impressions stored (lost ${Math.max(0, result['2xx'] - stored)}) ${Date.now() - resumedAt} ms after the load ended; ${waiting} still in the stream`,
    )
    expect(result.non2xx).toBe(0)
    expect(result.errors).toBe(0)
    expect(stored).toBeGreaterThanOrEqual(result['2xx'])
  })

  it('keep serving pages while the database is down for 10 s, and write the views once it returns', async () => {
    const before = await impressions()
    const load = loadPages(16)
    await sleep(3_000)
    await cluster.ferret!.stop('SIGKILL')
    const stoppedAt = Date.now()
    await sleep(10_000)
    await cluster.ferret!.start()
    const downMs = Date.now() - stoppedAt
    const result = await load
    const stored = (await settledImpressions(before + result['2xx'], 120_000)) - before
    const waiting = await redis.xlen('splitpage:events')
    console.log(
      `[cluster] database down ${downMs} ms under load: ${result['2xx']} views answered, ${result.non2xx} non-2xx, ${result.errors} errors (${result.timeouts} timeouts); ${stored} impressions stored (lost ${Math.max(0, result['2xx'] - stored)}); ${waiting} still in the stream`,
    )
    expect(result.non2xx).toBe(0)
    expect(result.errors).toBe(0)
    expect(stored).toBeGreaterThanOrEqual(result['2xx'])
  })
})
