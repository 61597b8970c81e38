import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import type { QueuedEvent } from '@/lib/db/events'
import { stopSqliteWriterThread, writerThreadStats } from '@/lib/db/sqliteWriterThread'
import { flushAll, flushOnce } from '@/lib/tracking/flush'
import { logEvent } from '@/lib/tracking/logEvent'
import { queueStats, takeEvents } from '@/lib/tracking/queue'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { makeExperiment, makeVariant } from '../helpers/fixtures'
import { isMongo, startTestPayload, type TestPayload } from '../helpers/payload'
import { holdExclusiveLock, querySeparately } from '../helpers/sqliteProcess'

// On embedded SQLite, event batches and their rollups are written by a thread with its own
// connection, one transaction per batch (src/lib/db/sqliteWriterThread.ts); on MongoDB they are
// written in the server's process as before.
let ctx: TestPayload
let payload: Payload
let experimentId: string
let variantId: string
let file: string

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  file = ctx.databaseUri.startsWith('file:') ? ctx.databaseUri.slice('file:'.length) : ''
  const page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Thread',
      slug: 'thread',
      layout: [{ blockType: 'cta', heading: 'Go', buttonLabel: 'Go', buttonHref: '#go' }],
    },
  })
  const control = await makeVariant(payload, page, 'Control')
  const challenger = await makeVariant(payload, page, 'Challenger')
  const experiment = await makeExperiment(payload, page, [control, challenger])
  experimentId = String(experiment.id)
  variantId = String(control.id)
})
afterAll(async () => {
  await stopSqliteWriterThread()
  delete process.env.EVENT_WRITER_BUSY_TIMEOUT_MS
  await ctx?.cleanup()
})

const impression = (visitorId: string, id: string): QueuedEvent => ({
  id,
  eventType: 'impression',
  visitorId,
  experiment: experimentId,
  variant: variantId,
  timestamp: new Date().toISOString(),
})
const newVisitor = () => getOrCreateVisitorId(null).visitorId

/** The control's rollups now: impressions and new visitors over all days. */
async function rollups() {
  const { docs } = await payload.find({
    collection: 'experiment-daily',
    where: { variant: { equals: variantId } },
    depth: 0,
    limit: 0,
    pagination: false,
  })
  return {
    impressions: docs.reduce((sum, doc) => sum + (doc.impressions ?? 0), 0),
    visitors: docs.reduce((sum, doc) => sum + (doc.visitors ?? 0), 0),
  }
}

/** Events of these visitors in the file, read by another process (another connection). */
function countInFile(visitors: string[]) {
  const list = visitors.map((visitor) => `'${visitor}'`).join(', ')
  const [row] = querySeparately<{ n: number }>(
    file,
    `SELECT COUNT(*) AS n FROM analytics_events WHERE visitor_id IN (${list})`,
  )
  return row.n
}

async function storedImpressions() {
  return (
    await payload.count({
      collection: 'analytics-events',
      where: { variant: { equals: variantId }, eventType: { equals: 'impression' } },
    })
  ).totalDocs
}

describe('event writes on SQLite go through a writer thread', () => {
  it('stores a batch and its rollups once, also when the same batch comes again', async () => {
    const before = { ...(await rollups()), stored: await storedImpressions() }
    const batches = writerThreadStats().batches
    const visitors = Array.from({ length: 300 }, newVisitor)
    const events = visitors.flatMap((vid, i) => [
      impression(vid, `t1-${i}-a`),
      impression(vid, `t1-${i}-b`),
    ])
    expect(await bulkInsertEvents(payload, events)).toBe(600)
    // A redelivery (the same ids) is stored and counted once.
    expect(await bulkInsertEvents(payload, events.slice(0, 200))).toBe(0)
    const after = await rollups()
    expect(await storedImpressions()).toBe(before.stored + 600)
    expect(after.impressions - before.impressions).toBe(600)
    expect(after.visitors - before.visitors).toBe(300)
    if (isMongo()) {
      expect(writerThreadStats()).toEqual({ running: false, batches: 0 })
    } else {
      expect(writerThreadStats().running).toBe(true)
      expect(writerThreadStats().batches - batches).toBe(2)
    }
  })

  it("does not hold up the server's thread while a batch waits for another process's lock", async () => {
    if (isMongo()) {
      // Nothing to wait for on this thread: MongoDB writes are asynchronous I/O, no thread starts.
      expect(writerThreadStats().running).toBe(false)
      return
    }
    const lock = await holdExclusiveLock(file)
    const written = bulkInsertEvents(payload, [impression(newVisitor(), 't2-0')])
    // The event loop keeps turning while the thread waits in SQLite's busy handler.
    let longestGapMs = 0
    let last = Date.now()
    const ticker = setInterval(() => {
      longestGapMs = Math.max(longestGapMs, Date.now() - last)
      last = Date.now()
    }, 10)
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    const lockedFor = Date.now()
    await lock.release()
    const stored = await written
    clearInterval(ticker)
    console.log(
      `[thread] batch waited for a 1.5 s lock and was written ${Date.now() - lockedFor} ms after its release; longest pause of this thread meanwhile ${longestGapMs} ms`,
    )
    expect(stored).toBe(1)
    expect(longestGapMs).toBeLessThan(300)
  })

  it('keeps a batch that meets a longer lock, and writes it once (events with rollups) after', async () => {
    if (isMongo()) {
      expect(writerThreadStats().batches).toBe(0)
      return
    }
    // A thread that waits 200 ms for a lock, so the batch fails while the lock is held.
    await stopSqliteWriterThread()
    process.env.EVENT_WRITER_BUSY_TIMEOUT_MS = '200'
    takeEvents(Number.MAX_SAFE_INTEGER)
    const before = await rollups()
    const visitors = Array.from({ length: 50 }, newVisitor)
    for (const visitorId of visitors)
      logEvent({ eventType: 'impression', visitorId, experiment: experimentId, variant: variantId })
    const lock = await holdExclusiveLock(file)
    try {
      expect(await flushOnce(payload)).toBe(0)
      // Nothing of the failed batch reached the file: not the events, not their rollups.
      expect(queueStats().waiting).toBe(50)
    } finally {
      await lock.release()
    }
    expect(countInFile(visitors)).toBe(0)
    await flushAll(payload)
    const after = await rollups()
    expect(after.impressions - before.impressions).toBe(50)
    expect(after.visitors - before.visitors).toBe(50)
    expect(countInFile(visitors)).toBe(50)
  })

  it('saves leads on the server connection while the thread writes a backlog of events', async () => {
    // The default thread (it waits up to 5 s for a lock).
    await stopSqliteWriterThread()
    delete process.env.EVENT_WRITER_BUSY_TIMEOUT_MS
    takeEvents(Number.MAX_SAFE_INTEGER)
    const batches = writerThreadStats().batches
    for (let i = 0; i < 5_000; i++)
      logEvent({
        eventType: 'impression',
        visitorId: newVisitor(),
        experiment: experimentId,
        variant: variantId,
      })
    let drained = false
    const draining = flushAll(payload).finally(() => (drained = true))
    const started = Date.now()
    let saved = 0
    // A lead every 20 ms while batches commit on the thread: each is written on the server's own
    // connection between the thread's transactions, none refused.
    while (!drained && Date.now() - started < 60_000) {
      await payload.create({ collection: 'leads', data: { email: `backlog-${saved}@example.com` } })
      saved++
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await draining
    console.log(
      `[thread] ${saved} leads saved in ${Date.now() - started} ms while the thread wrote 5 000 events (${writerThreadStats().batches - batches} batches)`,
    )
    expect(queueStats().waiting).toBe(0)
    expect(saved).toBeGreaterThan(0)
    if (!isMongo()) expect(writerThreadStats().batches - batches).toBe(10)
  })
})
