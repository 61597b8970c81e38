import { NextRequest } from 'next/server'
import type { Payload } from 'payload'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'

import { getOrCreateVisitorId, isValidVisitorId } from '@/lib/visitor/visitorId'
import { reloadSnapshot, setSnapshotLoader } from '@/lib/experiments/snapshotStore'
import { handleLeadSubmission } from '@/lib/leads/handleLeadSubmission'
import { visitorCookies } from '../helpers/visitor'
import { resetRateLimits } from '@/lib/security/rateLimit'
import { handleTrackRequest } from '@/lib/tracking/handleTrackRequest'
import { queueStats, takeEvents } from '@/lib/tracking/queue'
import type { Page } from '@/payload-types'
import { proxy } from '@/proxy'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
let page: Page

const NASTY = [
  '',
  ' ',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR '1'='1",
  '{"$gt":""}',
  '../../etc/passwd',
  '\u0000',
  '\u202e',
  '%00',
  'a'.repeat(5000),
  '💥'.repeat(50),
  'javascript:alert(1)',
  'null',
  'undefined',
  '[object Object]',
  '-1',
  '1e309',
  'NaN',
  '\r\nSet-Cookie: x=1',
]

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Hostile',
      slug: 'hostile',
      layout: [
        { blockType: 'cta', heading: 'Go', buttonLabel: 'Go', buttonHref: '#go' },
        {
          blockType: 'leadForm',
          submitLabel: 'Go',
          successMessage: 'Thanks!',
          fields: [{ name: 'company', label: 'Company', type: 'text', required: true }],
        },
      ],
    },
  })
})
afterAll(async () => ctx?.cleanup())
beforeEach(async () => {
  await resetRateLimits()
  takeEvents(Number.MAX_SAFE_INTEGER)
})

describe('lead submission: 50+ malformed or malicious inputs', () => {
  const fields = ['sp_page', 'sp_block', 'email', 'company'] as const
  const cases = fields.flatMap((field) => NASTY.map((value) => [field, value] as const))
  it.each(cases)('%s = %j gets a 4xx and stores nothing', async (field, value) => {
    const vid = getOrCreateVisitorId(null).visitorId
    const values: Record<string, string> = {
      sp_page: String(page.id),
      sp_block: page.layout[1].id!,
      sp_token: 'hostile-token',
      email: 'valid@example.com',
      company: 'Acme',
      [field]: value,
    }
    // A harmless value in a free-text field is a valid lead; everything else must be refused.
    const before = (await payload.count({ collection: 'leads' })).totalDocs
    const state = await handleLeadSubmission(payload, {
      values,
      cookies: visitorCookies(vid),
      ip: 'hostile-ip',
    })
    if (state.status === 'success') {
      expect(field).toBe('company')
      const { docs } = await payload.find({
        collection: 'leads',
        where: { visitorId: { equals: vid } },
      })
      expect((docs[0].formData as Record<string, string>).company).toBe(value.trim())
    } else {
      expect(state.code).toBeGreaterThanOrEqual(400)
      expect(state.code).toBeLessThan(500)
      expect((await payload.count({ collection: 'leads' })).totalDocs).toBe(before)
    }
  })
})

describe('tracking endpoint: 50+ malformed or malicious inputs', () => {
  const request = (body: string, headers: Record<string, string> = {}) =>
    new Request('http://127.0.0.1:3000/api/track', {
      method: 'POST',
      headers: {
        host: '127.0.0.1:3000',
        origin: 'http://127.0.0.1:3000',
        'content-type': 'application/json',
        cookie: `vid=${getOrCreateVisitorId(null).visitorId}`,
        ...headers,
      },
      body,
    })
  const bodies = [
    ...NASTY.map((value) => JSON.stringify({ type: 'click', blockId: value, path: '/hostile' })),
    ...NASTY.map((value) => JSON.stringify({ type: 'custom', name: 'ok', path: value })),
    ...NASTY.map((value) => JSON.stringify({ type: value, path: '/hostile' })),
    ...NASTY.map((value) => value),
  ]
  it.each(bodies.map((body, i) => [i, body]))(
    'body #%i gets a 4xx and records nothing',
    async (_i, body) => {
      const response = await handleTrackRequest(request(body), async () => payload)
      expect(response.status).toBeGreaterThanOrEqual(400)
      expect(response.status).toBeLessThan(500)
      expect(queueStats().waiting).toBe(0)
    },
  )
  it.each(NASTY.map((value) => [value]))('cookie vid=%j gets a 4xx', async (value) => {
    const response = await handleTrackRequest(
      request(JSON.stringify({ type: 'custom', name: 'x', path: '/hostile' }), {
        cookie: `vid=${encodeURIComponent(value)}`,
      }),
      async () => payload,
    )
    expect(response.status).toBe(400)
  })
})

describe('proxy: malformed cookies, ?variant= values and slugs', () => {
  beforeAll(async () => {
    setSnapshotLoader(async () => ({
      consentRequired: false,
      loadedAt: Date.now(),
      experiments: [
        {
          id: '1',
          name: 'x',
          seed: 's',
          pageId: String(page.id),
          pageSlug: 'hostile',
          status: 'running',
          startDate: null,
          endDate: null,
          variants: [
            { id: '10', trafficPercentage: 50 },
            { id: '11', trafficPercentage: 50 },
          ],
        },
      ],
    }))
    await reloadSnapshot()
  })
  const visit = (path: string, cookie?: string) =>
    proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: cookie ? { cookie } : {} }))

  it.each(NASTY.map((value) => [value]))(
    'a vid cookie of %j is replaced by a valid one',
    async (value) => {
      const response = await visit(
        '/hostile',
        `vid=${encodeURIComponent(value)}; spa=${encodeURIComponent(value)}`,
      )
      const vid = /vid=([^;]+)/.exec(response.headers.getSetCookie().join(';'))?.[1]
      expect(isValidVisitorId(vid)).toBe(true)
    },
  )

  it.each(NASTY.map((value) => [value]))(
    '?variant=%j has no effect for an anonymous visitor',
    async (value) => {
      const cookie = 'vid=V1StGXR8_Z5jdHi6B-myT'
      const plain = (await visit('/hostile', cookie)).headers.get('x-middleware-rewrite')
      const forced = (
        await visit(`/hostile?variant=${encodeURIComponent(value)}`, cookie)
      ).headers.get('x-middleware-rewrite')
      expect(forced?.split('?')[0]).toBe(plain)
    },
  )

  it.each(NASTY.map((value) => [value]))(
    'the path /%j is answered without error',
    async (value) => {
      const response = await visit(`/${encodeURIComponent(value)}`)
      expect(response.status).toBeLessThan(500)
    },
  )
})

describe('refusals that used to be 500s', () => {
  const post = (headers: Record<string, string>) =>
    proxy(
      new NextRequest('http://127.0.0.1:3000/hostile', {
        method: 'POST',
        headers: { host: '127.0.0.1:3000', 'next-action': 'abc', ...headers },
        body: 'x',
      }),
    )
  it.each([
    ['no Origin', {}, 403],
    ['Origin null', { origin: 'null' }, 403],
    ['empty Origin', { origin: '' }, 403],
    ['a foreign Origin', { origin: 'https://evil.example' }, 403],
    ['a look-alike Origin', { origin: 'http://127.0.0.1:3000.evil.example' }, 403],
    ['no length', { origin: 'http://127.0.0.1:3000' }, 411],
    ['a body over 1 MB', { origin: 'http://127.0.0.1:3000', 'content-length': '1048577' }, 413],
  ] as const)('a lead form post with %s gets %i and a reason', async (_label, headers, status) => {
    const response = await post(headers)
    expect(response.status).toBe(status)
    expect((await response.json()).error).toMatch(/\w/)
  })

  it('a same-origin form post of a normal size goes on to the page', async () => {
    const response = await post({ origin: 'http://127.0.0.1:3000', 'content-length': '100' })
    expect(response.status).toBe(200)
  })

  it.each([
    'application/json-evil',
    'application/jsonp',
    'text/plain-ish',
    'application/x-www-form-urlencoded',
  ])('the tracking endpoint refuses content type %s with 415', async (type) => {
    const response = await handleTrackRequest(
      new Request('http://127.0.0.1:3000/api/track', {
        method: 'POST',
        headers: {
          host: '127.0.0.1:3000',
          origin: 'http://127.0.0.1:3000',
          'content-type': type,
          cookie: `vid=${getOrCreateVisitorId(null).visitorId}`,
        },
        body: JSON.stringify({ type: 'custom', name: 'x', path: '/hostile' }),
      }),
      async () => payload,
    )
    expect(response.status).toBe(415)
  })

  it('?variant= with a forged login cookie stays on the static path', async () => {
    const cookie = 'vid=V1StGXR8_Z5jdHi6B-myT; payload-token=junk.junk.junk'
    const request = (path: string) =>
      proxy(new NextRequest(`http://127.0.0.1:3000${path}`, { headers: { cookie } }))
    const plain = (await request('/hostile')).headers.get('x-middleware-rewrite')
    const forced = (await request('/hostile?variant=11')).headers.get('x-middleware-rewrite')
    expect(forced?.split('?')[0]).toBe(plain)
    expect(forced).not.toMatch(/\/preview\//)
  })
})
