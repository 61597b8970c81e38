import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { encodeAssignments } from '@/lib/visitor/sticky'
import { getPayloadSecret } from '@/lib/env'
import { resetRateLimits } from '@/lib/security/rateLimit'
import { flushAll } from '@/lib/tracking/flush'
import { handleTrackRequest } from '@/lib/tracking/handleTrackRequest'
import { logEvent } from '@/lib/tracking/logEvent'
import { queueStats, takeEvents } from '@/lib/tracking/queue'
import type { Page } from '@/payload-types'
import { makeExperiment, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
let page: Page
let ctaId: string

const ORIGIN = 'http://127.0.0.1:3000'
const visitor = () => getOrCreateVisitorId(null).visitorId

function trackRequest(
  body: unknown,
  {
    vid = visitor(),
    origin = ORIGIN as string | null,
    type = 'application/json',
    raw = false,
    cookies = '',
  } = {},
) {
  const headers: Record<string, string> = { host: '127.0.0.1:3000', 'content-type': type }
  if (origin) headers.origin = origin
  if (vid) headers.cookie = `vid=${vid}${cookies ? `; ${cookies}` : ''}`
  return new Request(`${ORIGIN}/api/track`, {
    method: 'POST',
    headers,
    body: raw ? (body as string) : JSON.stringify(body),
  })
}

const track = (request: Request) => handleTrackRequest(request, async () => payload)
const storedEvents = async (vid: string) =>
  (
    await payload.find({
      collection: 'analytics-events',
      where: { visitorId: { equals: vid } },
      depth: 0,
    })
  ).docs

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Tracked',
      slug: 'tracked',
      layout: [{ blockType: 'cta', heading: 'Go', buttonLabel: 'Go', buttonHref: '#go' }],
    },
  })
  ctaId = page.layout[0].id!
})
afterAll(async () => ctx?.cleanup())
beforeEach(async () => {
  await resetRateLimits()
  takeEvents(Number.MAX_SAFE_INTEGER)
})

describe('event writer', () => {
  it('writes queued events in batches with their timestamp', async () => {
    const vid = visitor()
    for (let i = 0; i < 1200; i++) {
      logEvent({
        eventType: 'custom',
        eventName: `e${i % 3}`,
        visitorId: vid,
        page: String(page.id),
      })
    }
    await flushAll(payload)
    expect(queueStats().waiting).toBe(0)
    const { totalDocs } = await payload.count({
      collection: 'analytics-events',
      where: { visitorId: { equals: vid } },
    })
    expect(totalDocs).toBe(1200)
    const [one] = await storedEvents(vid)
    expect(one.timestamp).toBeTruthy()
    expect(String(one.page)).toBe(String(page.id))
  })

  it('sets the timestamp on create through the Local API', async () => {
    const event = await payload.create({
      collection: 'analytics-events',
      data: { eventType: 'custom', visitorId: visitor() },
    })
    expect(Date.parse(event.timestamp!)).toBeGreaterThan(Date.now() - 60_000)
  })

  it('limits metadata to 2 KB', async () => {
    await expect(
      payload.create({
        collection: 'analytics-events',
        data: { eventType: 'custom', visitorId: visitor(), metadata: { x: 'y'.repeat(3000) } },
      }),
    ).rejects.toThrow()
  })
})

describe('tracking endpoint', () => {
  it('records a CTA click with server-derived attribution', async () => {
    const vid = visitor()
    const response = await track(
      trackRequest({ type: 'click', blockId: ctaId, path: '/tracked' }, { vid }),
    )
    expect(response.status).toBe(204)
    await flushAll(payload)
    const events = await storedEvents(vid)
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ eventType: 'click', blockId: ctaId, experiment: null })
    // The block's type comes from the served layout (click goals count by it), not the client.
    expect(events[0].blockType).toBe(page.layout[0].blockType)
    expect(String(events[0].page)).toBe(String(page.id))
  })

  it("attributes clicks to the visitor's variant of a running experiment", async () => {
    const expPage = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Tracked experiment',
        slug: 'tracked-experiment',
        layout: [{ blockType: 'cta', heading: 'Go', buttonLabel: 'Go', buttonHref: '#go' }],
      },
    })
    const [a, b] = [
      await makeVariant(payload, expPage, 'A'),
      await makeVariant(payload, expPage, 'B'),
    ]
    const experiment = await makeExperiment(payload, expPage, [a, b])
    const vid = visitor()
    const response = await track(
      trackRequest(
        {
          type: 'custom',
          name: 'video-play',
          path: '/tracked-experiment',
          metadata: { seconds: 3 },
        },
        { vid },
      ),
    )
    expect(response.status).toBe(204)
    await flushAll(payload)
    const [event] = await storedEvents(vid)
    expect(event).toMatchObject({
      eventType: 'custom',
      eventName: 'video-play',
      metadata: { seconds: 3 },
    })
    expect(String(event.experiment)).toBe(String(experiment.id))
    expect([String(a.id), String(b.id)]).toContain(String(event.variant))
  })

  it('keeps the attribution of a visitor assigned through an audience, from the cookie the browser sends back', async () => {
    const audiencePage = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Targeted',
        slug: 'targeted',
        layout: [{ blockType: 'cta', heading: 'Go', buttonLabel: 'Go', buttonHref: '#go' }],
      },
    })
    const control = await makeVariant(payload, audiencePage, 'Control')
    const challenger = await makeVariant(payload, audiencePage, 'Challenger', 'Targeted offer')
    const experiment = await makeExperiment(payload, audiencePage, [control, challenger], {
      audience: {
        match: 'all',
        rules: [{ attribute: 'utm_campaign', operator: 'is', value: 'spring' }],
      },
    })
    // Assigned on a page view that carried the campaign; the beacon comes without it, with the
    // assignments cookie URL-encoded as Next set it.
    const vid = visitor()
    const spa = encodeAssignments(
      { [String(experiment.id)]: String(challenger.id) },
      vid,
      getPayloadSecret(),
    )
    const challengerCta = (await payload.findByID({ collection: 'variants', id: challenger.id }))
      .layout![0].id!
    const response = await track(
      trackRequest(
        { type: 'click', blockId: challengerCta, path: '/targeted' },
        { vid, cookies: `spa=${encodeURIComponent(spa)}` },
      ),
    )
    expect(response.status).toBe(204)
    await flushAll(payload)
    const [event] = await storedEvents(vid)
    expect(String(event.experiment)).toBe(String(experiment.id))
    expect(String(event.variant)).toBe(String(challenger.id))
  })

  const hostile: [
    string,
    Parameters<typeof trackRequest>[0],
    Parameters<typeof trackRequest>[1],
    number,
  ][] = [
    ['an impression', { type: 'impression', path: '/tracked' }, {}, 400],
    ['a conversion', { type: 'conversion', path: '/tracked' }, {}, 400],
    ['an unknown type', { type: 'purchase', path: '/tracked' }, {}, 400],
    ['no type', { path: '/tracked' }, {}, 400],
    ['a number as type', { type: 7, path: '/tracked' }, {}, 400],
    ['a click without blockId', { type: 'click', path: '/tracked' }, {}, 400],
    ['a blockId with markup', { type: 'click', blockId: '<script>', path: '/tracked' }, {}, 400],
    [
      'a blockId of no block on the page',
      { type: 'click', blockId: 'abcdef', path: '/tracked' },
      {},
      400,
    ],
    ['a custom event without name', { type: 'custom', path: '/tracked' }, {}, 400],
    [
      'a name with a script tag',
      { type: 'custom', name: '<script>x</script>', path: '/tracked' },
      {},
      400,
    ],
    ['a 101-character name', { type: 'custom', name: 'x'.repeat(101), path: '/tracked' }, {}, 400],
    [
      'forged experiment and variant',
      { type: 'click', blockId: 'x', path: '/tracked', experiment: '1', variant: '2' },
      {},
      400,
    ],
    ['a path that is no page', { type: 'custom', name: 'x', path: 'javascript:alert(1)' }, {}, 400],
    ['an unknown page', { type: 'custom', name: 'x', path: '/no-such-page' }, {}, 404],
    [
      'metadata with nested objects',
      { type: 'custom', name: 'x', path: '/tracked', metadata: { a: { b: 1 } } },
      {},
      400,
    ],
    [
      'metadata with 21 keys',
      {
        type: 'custom',
        name: 'x',
        path: '/tracked',
        metadata: Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`k${i}`, i])),
      },
      {},
      400,
    ],
    ['an array body', [{ type: 'click' }], {}, 400],
    ['a string body', 'hello', {}, 400],
    ['invalid JSON', '{"type":', { raw: true }, 400],
    [
      'a body over 4 KB',
      { type: 'custom', name: 'x', path: '/tracked', metadata: { big: 'x'.repeat(5000) } },
      {},
      413,
    ],
    ['no visitor cookie', { type: 'custom', name: 'x', path: '/tracked' }, { vid: '' }, 400],
    [
      'a malformed visitor cookie',
      { type: 'custom', name: 'x', path: '/tracked' },
      { vid: 'abc;DROP TABLE' },
      400,
    ],
    [
      'a cross-origin request',
      { type: 'custom', name: 'x', path: '/tracked' },
      { origin: 'https://evil.example' },
      403,
    ],
    [
      'a malformed Origin',
      { type: 'custom', name: 'x', path: '/tracked' },
      { origin: 'not a url' },
      403,
    ],
    [
      'no Origin and no fetch metadata',
      { type: 'custom', name: 'x', path: '/tracked' },
      { origin: null },
      403,
    ],
    [
      'a form-encoded body',
      'type=click',
      { raw: true, type: 'application/x-www-form-urlencoded' },
      415,
    ],
  ]
  it.each(hostile)('refuses %s (%#) and stores nothing', async (_label, body, options, status) => {
    const vid = options?.vid ?? visitor()
    const response = await track(trackRequest(body, { ...options, vid }))
    expect(response.status).toBe(status)
    const json = await response.json()
    expect(typeof json.error).toBe('string')
    expect(queueStats().waiting).toBe(0)
  })

  it('rate-limits one visitor', async () => {
    const vid = visitor()
    const statuses: number[] = []
    for (let i = 0; i < 125; i++) {
      statuses.push(
        (await track(trackRequest({ type: 'custom', name: 'x', path: '/tracked' }, { vid })))
          .status,
      )
    }
    expect(statuses.slice(0, 120).every((s) => s === 204)).toBe(true)
    expect(statuses.at(-1)).toBe(429)
  })
})
