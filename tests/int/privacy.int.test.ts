import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { erasePersonData, exportPersonData, pruneOldLeads } from '@/lib/leads/privacy'
import { recordLead } from '@/lib/leads/recordLead'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

describe('personal data', () => {
  it('exports and erases everything about one person by email; result counts stay', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const experiment = await makeExperiment(payload, page, [a, b])
    const [e, v] = [String(experiment.id), String(a.id)]
    const event = (visitorId: string, eventType: 'impression' | 'click') => ({
      eventType,
      page: String(page.id),
      experiment: e,
      variant: v,
      visitorId,
      timestamp: new Date().toISOString(),
    })
    await bulkInsertEvents(payload, [
      event('person-visitor-0001', 'impression'),
      event('person-visitor-0001', 'click'),
      event('someone-else-000001', 'impression'),
    ])
    const conversion = (visitorId: string) => ({
      page: page.id,
      experiment: experiment.id,
      variant: a.id,
      visitorId,
    })
    await recordLead(
      payload,
      { email: 'ada@example.com', page: page.id, visitorId: 'person-visitor-0001' },
      conversion('person-visitor-0001'),
    )
    await recordLead(
      payload,
      { email: 'other@example.com', page: page.id, visitorId: 'someone-else-000001' },
      conversion('someone-else-000001'),
    )
    const countsBefore = await experimentMetrics(payload, e)

    const data = await exportPersonData(payload, { email: 'Ada@Example.com ' })
    expect(data.visitorIds).toEqual(['person-visitor-0001'])
    expect(data.leads.map((lead) => lead.email)).toEqual(['ada@example.com'])
    expect(data.events.map((event) => event.eventType).sort()).toEqual([
      'click',
      'conversion',
      'impression',
    ])
    expect(data.exposures).toHaveLength(1)

    expect(await erasePersonData(payload, { email: 'ada@example.com' })).toEqual({
      leads: 1,
      events: 3,
      exposures: 1,
    })
    const after = await exportPersonData(payload, { visitorId: 'person-visitor-0001' })
    expect([after.leads, after.events, after.exposures].map((docs) => docs.length)).toEqual([
      0, 0, 0,
    ])
    // Someone else's data is untouched, and the results keep their counts.
    expect((await exportPersonData(payload, { email: 'other@example.com' })).events).toHaveLength(2)
    expect(await experimentMetrics(payload, e)).toEqual(countsBefore)
  })

  it('needs an email address or a visitor id', async () => {
    await expect(exportPersonData(payload, { email: ' ' })).rejects.toThrow(/email|visitor/)
  })

  it('deletes leads past the retention period, and none when it is 0', async () => {
    const { lead: old } = await recordLead(payload, { email: 'old@example.com' }, null)
    await new Promise((resolve) => setTimeout(resolve, 200))
    const { lead: recent } = await recordLead(payload, { email: 'recent@example.com' }, null)
    // convertedAt is the server's and cannot be changed: judge "now" and the period instead.
    const now = new Date(Date.parse(recent.convertedAt!) + 10)
    const hundredMsInDays = 100 / 86_400_000
    expect(await pruneOldLeads(payload, 0, now)).toBe(0)
    const before = (await payload.count({ collection: 'leads' })).totalDocs
    const deleted = await pruneOldLeads(payload, hundredMsInDays, now)
    expect(deleted).toBeGreaterThanOrEqual(1)
    expect((await payload.count({ collection: 'leads' })).totalDocs).toBe(before - deleted)
    expect(
      await payload.findByID({ collection: 'leads', id: old.id, disableErrors: true }),
    ).toBeNull()
    expect(await payload.findByID({ collection: 'leads', id: recent.id })).toBeTruthy()
  })
})
