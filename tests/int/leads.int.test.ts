import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getPayloadSecret } from '@/lib/env'
import { encodePageView } from '@/lib/visitor/pageViewStamp'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { handleLeadSubmission, type LeadSubmission } from '@/lib/leads/handleLeadSubmission'
import { recordLead } from '@/lib/leads/recordLead'
import { deliverLeadWebhook, signWebhook } from '@/lib/leads/webhook'
import type { Page } from '@/payload-types'
import { rejectionMessages } from '../helpers/errors'
import { makeExperiment, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
let page: Page
let blockId: string
let ipCounter = 0

const visitor = () => getOrCreateVisitorId(null).visitorId
const ip = () => `192.0.2.${++ipCounter}`

async function formPage(slug: string) {
  return payload.create({
    collection: 'pages',
    data: {
      title: `Form ${slug}`,
      slug,
      layout: [
        { blockType: 'hero', headline: 'Hello' },
        {
          blockType: 'leadForm',
          submitLabel: 'Send',
          successMessage: 'Thanks!',
          fields: [
            { name: 'name', label: 'Name', type: 'text', required: false },
            { name: 'company', label: 'Company', type: 'text', required: true },
            { name: 'terms', label: 'I agree', type: 'checkbox', required: false },
          ],
        },
      ],
    },
  })
}

const leadFormId = (p: Page) => p.layout.find((b) => b.blockType === 'leadForm')!.id!

function submission(
  overrides: Partial<LeadSubmission['values']> = {},
  vid = visitor(),
): LeadSubmission {
  return {
    values: {
      sp_page: String(page.id),
      sp_block: blockId,
      sp_token: `tok-${Math.random().toString(36).slice(2)}`,
      email: 'Ada@Example.com',
      company: 'Analytical Engines',
      ...overrides,
    },
    cookies: { vid },
    ip: ip(),
  }
}

const countLeads = async () => (await payload.count({ collection: 'leads' })).totalDocs
const countConversions = async () =>
  (
    await payload.count({
      collection: 'analytics-events',
      where: { eventType: { equals: 'conversion' } },
    })
  ).totalDocs

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  page = await formPage('lead-page')
  blockId = leadFormId(page)
})
afterAll(async () => ctx?.cleanup())

describe('leads collection', () => {
  it('sets convertedAt on create, ignoring any given value', async () => {
    const before = Date.now()
    const lead = await payload.create({
      collection: 'leads',
      data: { email: 'x@example.com', convertedAt: '2000-01-01T00:00:00.000Z' },
    })
    expect(Date.parse(lead.convertedAt!)).toBeGreaterThanOrEqual(before - 1000)
  })

  it('validates the email', async () => {
    expect(
      await rejectionMessages(
        payload.create({ collection: 'leads', data: { email: 'not-an-email' } }),
      ),
    ).toMatch('Enter a valid email address.')
  })

  it('limits formData to 10 KB', async () => {
    expect(
      await rejectionMessages(
        payload.create({
          collection: 'leads',
          data: { email: 'big@example.com', formData: { essay: 'x'.repeat(11_000) } },
        }),
      ),
    ).toMatch(/Form data is too large/)
  })

  it('is neither readable nor creatable anonymously; events likewise', async () => {
    await expect(payload.find({ collection: 'leads', overrideAccess: false })).rejects.toThrow(
      /not allowed/i,
    )
    await expect(
      payload.create({
        collection: 'leads',
        overrideAccess: false,
        data: { email: 'a@example.com' },
      }),
    ).rejects.toThrow(/not allowed/i)
    await expect(
      payload.find({ collection: 'analytics-events', overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
    await expect(
      payload.create({
        collection: 'analytics-events',
        overrideAccess: false,
        data: { eventType: 'impression', visitorId: 'x' },
      }),
    ).rejects.toThrow(/not allowed/i)
  })
})

describe('lead submission', () => {
  it('stores a lead and its conversion, attributed without an experiment', async () => {
    const vid = visitor()
    const state = await handleLeadSubmission(payload, submission({ name: 'Ada' }, vid))
    expect(state).toMatchObject({ status: 'success', message: 'Thanks!' })
    const { docs } = await payload.find({
      collection: 'leads',
      where: { visitorId: { equals: vid } },
    })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({
      email: 'ada@example.com',
      name: 'Ada',
      experiment: null,
      variant: null,
      formData: { name: 'Ada', company: 'Analytical Engines', terms: false },
    })
    expect(String((docs[0].page as Page).id)).toBe(String(page.id))
    const events = await payload.find({
      collection: 'analytics-events',
      where: { and: [{ visitorId: { equals: vid } }, { eventType: { equals: 'conversion' } }] },
    })
    expect(events.totalDocs).toBe(1)
    expect(events.docs[0].blockId).toBe(blockId)
  })

  it("attributes to the visitor's experiment and variant, recomputed on the server", async () => {
    const expPage = await formPage('lead-experiment-page')
    const [a, b] = [
      await makeVariant(payload, expPage, 'A'),
      await makeVariant(payload, expPage, 'B'),
    ]
    const experiment = await makeExperiment(payload, expPage, [a, b])
    const seen = new Set<string>()
    for (let i = 0; i < 12; i++) {
      const vid = visitor()
      const values = {
        ...submission({}, vid).values,
        sp_page: String(expPage.id),
        sp_block: leadFormId(expPage),
        // Forged attribution in the form is ignored.
        experiment: '999',
        variant: '999',
      }
      const state = await handleLeadSubmission(payload, { values, cookies: { vid }, ip: ip() })
      expect(state.status).toBe('success')
      const { docs } = await payload.find({
        collection: 'leads',
        where: { visitorId: { equals: vid } },
        depth: 0,
      })
      expect(String(docs[0].experiment)).toBe(String(experiment.id))
      seen.add(String(docs[0].variant))
      const conversion = await payload.find({
        collection: 'analytics-events',
        where: { and: [{ visitorId: { equals: vid } }, { eventType: { equals: 'conversion' } }] },
        depth: 0,
      })
      expect(String(conversion.docs[0].variant)).toBe(String(docs[0].variant))
    }
    expect([...seen].sort()).toEqual([String(a.id), String(b.id)].sort())
  })

  it('creates one lead for a double submit with the same token', async () => {
    const vid = visitor()
    const first = submission({ sp_token: 'double-submit-token' }, vid)
    const before = await countLeads()
    const results = await Promise.all([
      handleLeadSubmission(payload, first),
      handleLeadSubmission(payload, { ...first, ip: ip() }),
    ])
    await handleLeadSubmission(payload, { ...first, ip: ip() })
    expect(results.map((r) => r.status)).toEqual(['success', 'success'])
    expect(await countLeads()).toBe(before + 1)
  })

  it('answers spam like a success but stores nothing', async () => {
    const before = [await countLeads(), await countConversions()]
    const honeypot = await handleLeadSubmission(
      payload,
      submission({ website: 'http://spam.example' }),
    )
    expect(honeypot.status).toBe('success')
    const vid = visitor()
    const tooFast = await handleLeadSubmission(payload, {
      ...submission({}, vid),
      cookies: { vid, spv: encodePageView(Date.now() - 500, vid, getPayloadSecret()) },
    })
    expect(tooFast.status).toBe('success')
    expect([await countLeads(), await countConversions()]).toEqual(before)

    const patient = await handleLeadSubmission(payload, {
      ...submission({}, vid),
      cookies: { vid, spv: encodePageView(Date.now() - 5000, vid, getPayloadSecret()) },
    })
    expect(patient.status).toBe('success')
    expect(await countLeads()).toBe(before[0] + 1)
  })

  it('rate-limits one visitor', async () => {
    const vid = visitor()
    const states = []
    for (let i = 0; i < 7; i++)
      states.push(await handleLeadSubmission(payload, submission({}, vid)))
    expect(states.slice(0, 5).every((s) => s.status === 'success')).toBe(true)
    expect(states[6]).toMatchObject({ status: 'error', code: 429 })
    expect(states[6].message).toMatch(/Too many submissions/)
  })

  const hostile: [string, Partial<LeadSubmission['values']>, number][] = [
    ['missing email', { email: '' }, 422],
    ['malformed email', { email: 'not-an-email' }, 422],
    ['email with spaces', { email: 'a b@example.com' }, 422],
    ['very long email', { email: `${'a'.repeat(300)}@example.com` }, 422],
    ['script tag as email', { email: '<script>alert(1)</script>' }, 422],
    ['missing required field', { company: '' }, 422],
    ['whitespace required field', { company: '   ' }, 422],
    ['overlong field', { company: 'x'.repeat(2001) }, 422],
    ['missing page', { sp_page: '' }, 400],
    ['page id with SQL', { sp_page: '1 OR 1=1' }, 400],
    ['unknown page', { sp_page: '999999' }, 400],
    ['page as object syntax', { sp_page: '{"$gt":0}' }, 400],
    ['missing block', { sp_block: '' }, 400],
    ['unknown block', { sp_block: 'nope' }, 400],
    ['block id with markup', { sp_block: '<b>' }, 400],
    ['block of another form', { sp_block: '000000000000000000000000' }, 400],
    ['email with CRLF', { email: 'a@example.com\r\nBcc: x@example.com' }, 422],
    ['email without domain dot', { email: 'a@localhost' }, 422],
    ['unicode control characters', { email: 'a\u0000@example.com' }, 422],
    ['null byte in page id', { sp_page: '1\u0000' }, 400],
    ['huge token', { sp_token: 'x'.repeat(5000), email: '' }, 422],
  ]
  it.each(hostile)('refuses %s with a %i and stores nothing', async (_label, values, code) => {
    const before = [await countLeads(), await countConversions()]
    const state = await handleLeadSubmission(payload, submission(values))
    expect(state).toMatchObject({ status: 'error', code })
    expect(state.message.length).toBeGreaterThan(0)
    expect([await countLeads(), await countConversions()]).toEqual(before)
  })

  it('ignores a malformed visitor cookie: no attribution, no crash', async () => {
    const state = await handleLeadSubmission(payload, {
      ...submission(),
      cookies: { vid: '<script>' },
    })
    expect(state.status).toBe('success')
    const { docs } = await payload.find({ collection: 'leads', sort: '-createdAt', limit: 1 })
    expect(docs[0].visitorId).toBeNull()
  })

  it('stores markup as plain text', async () => {
    const vid = visitor()
    await handleLeadSubmission(
      payload,
      submission({ company: '<img src=x onerror=alert(1)>' }, vid),
    )
    const { docs } = await payload.find({
      collection: 'leads',
      where: { visitorId: { equals: vid } },
    })
    expect((docs[0].formData as Record<string, string>).company).toBe(
      '<img src=x onerror=alert(1)>',
    )
  })
})

describe('recordLead atomicity', () => {
  it('leaves neither lead nor conversion when the second write fails', async () => {
    const before = [await countLeads(), await countConversions()]
    await expect(
      recordLead(
        payload,
        {
          email: 'atomic@example.com',
          page: page.id,
          visitorId: visitor(),
          idempotencyKey: 'atomic-1',
        },
        // Metadata over the 2 KB limit makes the conversion write fail after the lead's.
        { page: page.id, visitorId: visitor(), metadata: { blob: 'x'.repeat(3000) } },
      ),
    ).rejects.toThrow()
    expect([await countLeads(), await countConversions()]).toEqual(before)
    const { totalDocs } = await payload.count({
      collection: 'leads',
      where: { email: { equals: 'atomic@example.com' } },
    })
    expect(totalDocs).toBe(0)
  })
})

describe('lead webhook', () => {
  it('POSTs each lead with an HMAC-SHA256 signature, retrying after a failure', async () => {
    const received: { headers: http.IncomingHttpHeaders; body: string }[] = []
    let calls = 0
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        calls++
        received.push({ headers: req.headers, body })
        res.statusCode = calls === 1 ? 500 : 200
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
    try {
      const { lead } = await recordLead(
        payload,
        { email: 'hook@example.com', page: page.id, visitorId: visitor() },
        { page: page.id, visitorId: visitor() },
      )
      const secret = 'webhook-test-secret'
      const delivered = await deliverLeadWebhook(payload, lead.id, { url, secret, baseDelayMs: 10 })
      expect(delivered).toBe(true)
      expect(calls).toBe(2)
      const { headers, body } = received[1]
      const timestamp = String(headers['x-splitpage-timestamp'])
      expect(headers['x-splitpage-signature']).toBe(
        `sha256=${signWebhook(body, timestamp, secret)}`,
      )
      expect(JSON.parse(body)).toMatchObject({
        event: 'lead.created',
        lead: { email: 'hook@example.com' },
      })
      const stored = await payload.findByID({ collection: 'leads', id: lead.id })
      expect(stored.webhook).toMatchObject({ status: 'delivered', attempts: 2 })
    } finally {
      server.close()
    }
  })

  it('marks a lead failed after the last attempt', async () => {
    const { lead } = await recordLead(
      payload,
      { email: 'hook-fail@example.com', page: page.id, visitorId: visitor() },
      { page: page.id, visitorId: visitor() },
    )
    const delivered = await deliverLeadWebhook(payload, lead.id, {
      url: 'http://127.0.0.1:9/unreachable',
      secret: 's',
      maxAttempts: 2,
      baseDelayMs: 5,
      timeoutMs: 500,
    })
    expect(delivered).toBe(false)
    const stored = await payload.findByID({ collection: 'leads', id: lead.id })
    expect(stored.webhook).toMatchObject({ status: 'failed', attempts: 2 })
    expect(stored.webhook?.lastError).toBeTruthy()
  })
})
