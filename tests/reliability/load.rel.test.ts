import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { handleLeadSubmission } from '@/lib/leads/handleLeadSubmission'
import { flushAll } from '@/lib/tracking/flush'
import { logEvent } from '@/lib/tracking/logEvent'
import { makeExperiment, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { servedVisitorCookies } from '../helpers/visitor'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

describe('load without loss', () => {
  it('1 000 concurrent lead submissions from distinct visitors make exactly 1 000 leads and conversions', async () => {
    const page = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Load',
        slug: 'load',
        layout: [{ blockType: 'leadForm', submitLabel: 'Go', successMessage: 'Thanks!' }],
      },
    })
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const experiment = await makeExperiment(payload, page, [a, b])
    const blockId = page.layout[0].id!
    const n = 1000
    const visitors = await Promise.all(
      Array.from({ length: n }, () =>
        servedVisitorCookies(payload, page.slug, getOrCreateVisitorId(null).visitorId),
      ),
    )
    const states = await Promise.all(
      Array.from({ length: n }, (_, i) =>
        handleLeadSubmission(payload, {
          values: {
            sp_page: String(page.id),
            sp_block: blockId,
            sp_token: `load-token-${i}`,
            email: `load${i}@example.com`,
          },
          cookies: visitors[i],
          ip: `198.51.${Math.floor(i / 250)}.${i % 250}`,
        }),
      ),
    )
    expect(states.filter((s) => s.status === 'success')).toHaveLength(n)
    expect((await payload.count({ collection: 'leads' })).totalDocs).toBe(n)
    const conversions = await payload.count({
      collection: 'analytics-events',
      where: {
        and: [{ eventType: { equals: 'conversion' } }, { experiment: { equals: experiment.id } }],
      },
    })
    expect(conversions.totalDocs).toBe(n)
  })

  it('every queued event of a burst is written', async () => {
    const n = 20_000
    for (let i = 0; i < n; i++)
      logEvent({ eventType: 'custom', eventName: 'burst', visitorId: `burst${i % 500}` })
    await flushAll(payload)
    const stored = await payload.count({
      collection: 'analytics-events',
      where: { eventName: { equals: 'burst' } },
    })
    expect(stored.totalDocs).toBe(n)
  })
})
