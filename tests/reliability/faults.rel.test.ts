import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getOrCreateVisitorId } from '../../src/lib/experiments/visitorId'
import { handleLeadSubmission } from '../../src/lib/leads/handleLeadSubmission'
import { flushOnce } from '../../src/lib/tracking/flush'
import { logEvent } from '../../src/lib/tracking/logEvent'
import { queueStats, takeEvents } from '../../src/lib/tracking/queue'
import type { Page } from '../../src/payload-types'
import { isMongo, startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
let page: Page

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  page = await payload.create({
    collection: 'pages',
    data: {
      title: 'Faults',
      slug: 'faults',
      layout: [{ blockType: 'leadForm', submitLabel: 'Go', successMessage: 'Thanks!' }],
    },
  })
})
afterAll(async () => ctx?.cleanup())

const submit = (i: number) =>
  handleLeadSubmission(payload, {
    values: {
      sp_page: String(page.id),
      sp_block: page.layout[0].id!,
      sp_token: `fault-${i}`,
      email: `fault${i}@example.com`,
    },
    cookies: { vid: getOrCreateVisitorId(null).visitorId },
    ip: `203.0.113.${i}`,
  })

let release: (() => Promise<void>) | null = null

/**
 * Takes the database away as an outage does: another connection holds an exclusive lock on the
 * SQLite file, so every read and write fails with "database is locked" until it lets go.
 */
async function outage() {
  const { createClient } = await import('@libsql/client')
  const locker = createClient({ url: ctx.databaseUri })
  await locker.execute('BEGIN EXCLUSIVE')
  release = async () => {
    await locker.execute('COMMIT')
    locker.close()
  }
}
async function recovery() {
  await release?.()
  release = null
}

// The outage is simulated on SQLite's file lock. On MongoDB, closing Mongoose's connection from
// inside the process is no faithful outage (Mongoose buffers commands and replays them), and
// the FerretDB server cannot be stopped from here; see the closing note of the benchmarks issue.
describe.runIf(!isMongo())('database outage (SQLite file locked)', () => {
  it('answers lead submissions with a try-again 503, keeps events queued, and recovers without a restart', async () => {
    // Warm the page cache as a running server would have.
    expect(await submit(1)).toMatchObject({ status: 'success' })
    takeEvents(Number.MAX_SAFE_INTEGER)
    const leadsBefore = (await payload.count({ collection: 'leads' })).totalDocs

    await outage()
    try {
      const state = await submit(2)
      expect(state.status).toBe('error')
      expect(state.code).toBe(503)
      expect(state.message).toMatch(/try again/i)

      for (let i = 0; i < 50; i++)
        logEvent({ eventType: 'custom', eventName: 'during-outage', visitorId: `out${i}` })
      expect(await flushOnce(payload)).toBe(0)
      expect(queueStats().waiting).toBe(50)
    } finally {
      await recovery()
    }

    expect(await submit(3)).toMatchObject({ status: 'success' })
    while (queueStats().waiting > 0) await flushOnce(payload)
    const stored = await payload.count({
      collection: 'analytics-events',
      where: { eventName: { equals: 'during-outage' } },
    })
    expect(stored.totalDocs).toBe(50)
    // Nothing half-written: only the two successful submissions made leads.
    expect((await payload.count({ collection: 'leads' })).totalDocs).toBe(leadsBefore + 1)
  })
})
