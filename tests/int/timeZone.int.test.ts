import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { rejectionMessages } from '../helpers/errors'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

describe('the site time zone', () => {
  it('puts events and rollups on the day of the site’s zone, and refuses an unknown zone', async () => {
    expect(
      await rejectionMessages(
        payload.updateGlobal({ slug: 'site-settings', data: { timeZone: 'Mars/Olympus' } }),
      ),
    ).toMatch(/"Mars\/Olympus" is not a time zone this server knows/)
    const page = await makePage(payload)
    const variants = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const experiment = await makeExperiment(payload, page, variants)
    const view = (visitorId: string) => ({
      eventType: 'impression' as const,
      experiment: String(experiment.id),
      variant: String(variants[0].id),
      visitorId,
      // 05:00 UTC is still the evening before in California.
      timestamp: '2026-11-20T05:00:00.000Z',
    })
    await bulkInsertEvents(payload, [view('utc-visitor')])
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { timeZone: 'America/Los_Angeles' },
    })
    await bulkInsertEvents(payload, [view('pacific-visitor')])
    const metrics = await experimentMetrics(payload, String(experiment.id))
    expect(metrics.daily.map((row) => [row.day, row.visitors])).toEqual([
      ['2026-11-19', 1],
      ['2026-11-20', 1],
    ])
    const { docs } = await payload.find({
      collection: 'analytics-events',
      where: { visitorId: { equals: 'pacific-visitor' } },
      depth: 0,
    })
    expect(docs[0].day).toBe('2026-11-19')
    await payload.updateGlobal({ slug: 'site-settings', data: { timeZone: 'UTC' } })
  })
})
