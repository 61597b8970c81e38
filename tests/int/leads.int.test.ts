import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getPayloadSecret } from '@/lib/env'
import { encodePageView } from '@/lib/visitor/pageViewStamp'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { handleLeadSubmission, type LeadSubmission } from '@/lib/leads/handleLeadSubmission'
import { recordLead } from '@/lib/leads/recordLead'
import { qaKeyOf, signQaToken } from '@/lib/experiments/qaLinks'
import { queueLeadWebhook, signWebhook, WEBHOOK_QUEUE, webhookSchedule } from '@/lib/leads/webhook'
import type { Lead, Page } from '@/payload-types'
import { rejectionMessages } from '../helpers/errors'
import { makeExperiment, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'
import { servedVisitorCookies, visitorCookies } from '../helpers/visitor'

let ctx: TestPayload
let payload: Payload
let page: Page
let blockId: string
let ipCounter = 0

const visitor = () => getOrCreateVisitorId(null).visitorId
const ip = () => `192.0.2.${++ipCounter}`

async function formPage(slug: string, value?: number) {
  return payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: `Form ${slug}`,
      slug,
      layout: [
        { blockType: 'hero', headline: 'Hello' },
        {
          blockType: 'leadForm',
          submitLabel: 'Send',
          successMessage: 'Thanks!',
          ...(value !== undefined ? { value } : {}),
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
    cookies: visitorCookies(vid),
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
    // A form without a lead value gives its conversion none.
    expect(events.docs[0].metadata ?? null).toBeNull()
  })

  it("carries the form's lead value on the conversion (lead value goals)", async () => {
    const valued = await formPage(`valued-${Date.now().toString(36)}`, 40)
    const vid = visitor()
    const state = await handleLeadSubmission(payload, {
      ...submission({}, vid),
      values: {
        ...submission({}, vid).values,
        sp_page: String(valued.id),
        sp_block: leadFormId(valued),
      },
    })
    expect(state).toMatchObject({ status: 'success' })
    const { docs } = await payload.find({
      collection: 'analytics-events',
      where: { and: [{ visitorId: { equals: vid } }, { eventType: { equals: 'conversion' } }] },
    })
    expect(docs[0].metadata).toEqual({ value: 40 })
  })

  it('counts a goal on one named form in every variant, the copies in variants included', async () => {
    const slug = `two-forms-${Date.now().toString(36)}`
    const form = (formName: string, value?: number) => ({
      blockType: 'leadForm' as const,
      formName,
      submitLabel: 'Send',
      successMessage: 'Thanks!',
      ...(value ? { value } : {}),
    })
    const twoForms = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Two forms',
        slug,
        layout: [form('demo-request', 40), form('newsletter')],
      },
    })
    const a = await makeVariant(payload, twoForms, 'Control')
    // The variant's forms are copies (ids of their own) that keep their names.
    const b = await payload.create({
      collection: 'variants',
      data: { _status: 'published', name: 'Copy', page: twoForms.id, copyPageLayout: true },
    })
    const formIds = (layout: Page['layout']) =>
      Object.fromEntries(
        layout.flatMap((block) =>
          block.blockType === 'leadForm' ? [[block.formName, block.id!]] : [],
        ),
      ) as Record<string, string>
    expect(formIds(b.layout!)['demo-request']).not.toBe(formIds(twoForms.layout)['demo-request'])
    // A goal naming a form that is not there is refused, with the names that are.
    expect(
      await rejectionMessages(
        makeExperiment(payload, twoForms, [a, b], {
          goals: [{ role: 'secondary', kind: 'lead', form: 'demo' }],
        }),
      ),
    ).toMatch(
      'No lead form named “demo” on "Two forms" or its variants; named forms: demo-request, newsletter.',
    )
    const experiment = await makeExperiment(payload, twoForms, [a, b], {
      goals: [
        { role: 'secondary', kind: 'lead', form: 'demo-request' },
        { role: 'secondary', kind: 'lead', form: 'newsletter' },
        { role: 'secondary', kind: 'lead' },
      ],
    })
    const byVariant = new Map<string, number>()
    for (let i = 0; i < 16; i++) {
      const vid = visitor()
      const cookies = await servedVisitorCookies(payload, slug, vid)
      const assigned = await getAssignedVariant(payload, { pageSlug: slug, visitorId: vid })
      const variant = assigned!.variant!
      await bulkInsertEvents(payload, [
        {
          eventType: 'impression',
          experiment: String(experiment.id),
          variant: String(variant.id),
          page: String(twoForms.id),
          visitorId: vid,
          timestamp: new Date(Date.now() - 10_000).toISOString(),
        },
      ])
      // Every visitor leaves an address for the newsletter; every other one also books a demo.
      const names = i % 2 === 0 ? ['newsletter', 'demo-request'] : ['newsletter']
      for (const name of names) {
        const layout = String(variant.id) === String(b.id) ? b.layout! : twoForms.layout
        const state = await handleLeadSubmission(payload, {
          values: {
            ...submission({}, vid).values,
            email: `${name}-${i}@example.com`,
            sp_page: String(twoForms.id),
            sp_block: formIds(layout)[name],
          },
          cookies,
          ip: ip(),
        })
        expect(state.status).toBe('success')
      }
      byVariant.set(String(variant.id), (byVariant.get(String(variant.id)) ?? 0) + 1)
    }
    const { docs } = await payload.find({
      collection: 'analytics-events',
      where: {
        and: [{ experiment: { equals: experiment.id } }, { eventType: { equals: 'conversion' } }],
      },
      limit: 100,
    })
    expect(docs.map((e) => (e.metadata as { form?: string }).form).sort()).toEqual([
      ...Array(8).fill('demo-request'),
      ...Array(16).fill('newsletter'),
    ])
    expect(docs.filter((e) => (e.metadata as { value?: number }).value === 40)).toHaveLength(8)
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id })
    const { goals } = await getExperimentResults(payload, fresh)
    expect(goals.map((goal) => goal.label)).toEqual([
      'A lead on the “demo-request” form',
      'A lead on the “newsletter” form',
      'A lead submitted',
    ])
    const total = (goal: (typeof goals)[number]) =>
      goal.arms.reduce((sum, arm) => sum + arm.conversions, 0)
    expect(goals.map(total)).toEqual([8, 16, 16])
    // Each visitor is counted once per goal, in the variant they were served.
    expect(goals[1].arms.map((arm) => arm.conversions)).toEqual(
      [a, b].map((v) => byVariant.get(String(v.id)) ?? 0),
    )
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
      const state = await handleLeadSubmission(payload, {
        values,
        cookies: await servedVisitorCookies(payload, expPage.slug, vid),
        ip: ip(),
      })
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

describe('who counts as a conversion', () => {
  const conversionsOf = async (vid: string) =>
    (
      await payload.find({
        collection: 'analytics-events',
        where: { and: [{ visitorId: { equals: vid } }, { eventType: { equals: 'conversion' } }] },
        depth: 0,
      })
    ).docs
  const leadOf = async (vid: string) =>
    (await payload.find({ collection: 'leads', where: { visitorId: { equals: vid } }, depth: 0 }))
      .docs[0]

  it('keeps a submission without a page-view stamp as a suspect lead, not a conversion', async () => {
    const vid = visitor()
    const state = await handleLeadSubmission(payload, { ...submission({}, vid), cookies: { vid } })
    expect(state.status).toBe('success')
    expect(await leadOf(vid)).toMatchObject({
      suspect: true,
      suspectReason: 'No page view was recorded before this submission.',
    })
    expect(await conversionsOf(vid)).toHaveLength(0)
  })

  it('keeps a lead sent by a bot as suspect, not a conversion', async () => {
    const vid = visitor()
    await handleLeadSubmission(payload, {
      ...submission({}, vid),
      userAgent: 'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    })
    expect(await leadOf(vid)).toMatchObject({ suspect: true, suspectReason: /bot/ })
    expect(await conversionsOf(vid)).toHaveLength(0)
  })

  it('a visitor who refused cookies in consent mode is not suspect for lacking them', async () => {
    await payload.updateGlobal({ slug: 'site-settings', data: { consentMode: true } })
    try {
      const email = `consent-${Date.now()}@example.com`
      const state = await handleLeadSubmission(payload, {
        ...submission({ email }),
        cookies: {},
      })
      expect(state.status).toBe('success')
      const { docs } = await payload.find({
        collection: 'leads',
        where: { email: { equals: email } },
      })
      expect(docs[0]).toMatchObject({ suspect: false, visitorId: null, consentGiven: false })
    } finally {
      await payload.updateGlobal({ slug: 'site-settings', data: { consentMode: false } })
    }
  })

  it('attributes nothing to a visitor who was never served a variant (e.g. a direct POST)', async () => {
    const expPage = await formPage('lead-unserved-page')
    const [a, b] = [
      await makeVariant(payload, expPage, 'A'),
      await makeVariant(payload, expPage, 'B'),
    ]
    await makeExperiment(payload, expPage, [a, b])
    const vid = visitor()
    const state = await handleLeadSubmission(payload, {
      values: {
        ...submission({}, vid).values,
        sp_page: String(expPage.id),
        sp_block: leadFormId(expPage),
      },
      // A page view elsewhere, but no sticky assignment for this page's experiment.
      cookies: visitorCookies(vid),
      ip: ip(),
    })
    expect(state.status).toBe('success')
    expect(await leadOf(vid)).toMatchObject({ experiment: null, variant: null, suspect: false })
    expect((await conversionsOf(vid)).map((event) => event.experiment ?? null)).toEqual([null])
  })

  it('keeps leads from internal addresses as suspect, not conversions', async () => {
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { internalIpRanges: '192.0.2.0/24' },
    })
    try {
      const vid = visitor()
      await handleLeadSubmission(payload, { ...submission({}, vid), ip: '192.0.2.44' })
      expect(await leadOf(vid)).toMatchObject({ suspect: true, suspectReason: /Internal/ })
      expect(await conversionsOf(vid)).toHaveLength(0)
    } finally {
      await payload.updateGlobal({ slug: 'site-settings', data: { internalIpRanges: '' } })
    }
  })

  it('lets a logged-in user change only the review flag of a lead', async () => {
    const vid = visitor()
    await handleLeadSubmission(payload, { ...submission({}, vid), cookies: { vid } })
    const lead = await leadOf(vid)
    const user = await payload.create({
      collection: 'users',
      data: {
        email: `reviewer-${Date.now()}@example.com`,
        password: 'review-password-1',
        role: 'marketer',
      },
    })
    const updated = await payload.update({
      collection: 'leads',
      id: lead.id,
      data: { suspect: false, email: 'changed@example.com', visitorId: 'forged' },
      user,
      overrideAccess: false,
    })
    expect(updated).toMatchObject({ suspect: false, email: lead.email, visitorId: vid })
    await expect(
      payload.update({
        collection: 'leads',
        id: lead.id,
        data: { suspect: true },
        overrideAccess: false,
      }),
    ).rejects.toThrow(/not allowed/i)
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

describe('lead webhook (durable jobs)', () => {
  type Received = { headers: http.IncomingHttpHeaders; body: string }
  /** A webhook receiver on loopback answering with the given statuses in turn (then 200). */
  async function receiver(statuses: number[] = [], port = 0) {
    const received: Received[] = []
    const server = http.createServer((req, res) => {
      let body = ''
      req.on('data', (chunk) => (body += chunk))
      req.on('end', () => {
        received.push({ headers: req.headers, body })
        res.statusCode = statuses[received.length - 1] ?? 200
        res.end()
      })
    })
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
    const address = server.address() as AddressInfo
    return {
      received,
      url: `http://127.0.0.1:${address.port}/hook`,
      port: address.port,
      close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    }
  }
  const setWebhookUrl = (url: string | null) =>
    payload.updateGlobal({ slug: 'site-settings', data: { leadWebhookUrl: url } })
  const newLead = async (email: string) =>
    (
      await recordLead(
        payload,
        { email, page: page.id, visitorId: visitor() },
        { page: page.id, visitorId: visitor() },
      )
    ).lead
  /** Runs due webhook jobs (as the server's cron does) until the lead's delivery settles. */
  async function runUntilSettled(p: Payload, leadId: Lead['id'], timeoutMs = 10_000) {
    const started = Date.now()
    for (;;) {
      await p.jobs.run({ queue: WEBHOOK_QUEUE })
      const lead = await p.findByID({ collection: 'leads', id: leadId, depth: 0 })
      if (lead.webhook?.status !== 'pending' || Date.now() - started > timeoutMs) return lead
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }

  beforeAll(() => {
    process.env.LEAD_WEBHOOK_SECRET = 'webhook-test-secret'
  })
  afterAll(async () => {
    await setWebhookUrl(null)
    delete process.env.LEAD_WEBHOOK_SECRET
  })

  it('POSTs each lead signed, with one delivery id kept across a retry', async () => {
    const hook = await receiver([500])
    try {
      await setWebhookUrl(hook.url)
      const lead = await newLead('hook@example.com')
      const settled = await runUntilSettled(payload, lead.id)
      expect(settled.webhook).toMatchObject({ status: 'delivered', attempts: 2 })
      expect(hook.received).toHaveLength(2)
      const ids = new Set(hook.received.map((r) => r.headers['x-splitpage-delivery']))
      expect([...ids]).toEqual([settled.webhook?.deliveryId])
      const { headers, body } = hook.received[1]
      const timestamp = String(headers['x-splitpage-timestamp'])
      expect(headers['x-splitpage-signature']).toBe(
        `sha256=${signWebhook(body, timestamp, 'webhook-test-secret')}`,
      )
      expect(JSON.parse(body)).toMatchObject({
        event: 'lead.created',
        lead: { email: 'hook@example.com', suspect: false },
      })
    } finally {
      await hook.close()
    }
  })

  it('marks a delivery failed after the last attempt of the schedule', async () => {
    const hook = await receiver([500, 502, 503, 504, 500])
    try {
      await setWebhookUrl(hook.url)
      const lead = await newLead('hook-fail@example.com')
      const settled = await runUntilSettled(payload, lead.id)
      const { attempts } = webhookSchedule()
      expect(settled.webhook).toMatchObject({ status: 'failed', attempts })
      expect(settled.webhook?.lastError).toMatch(/HTTP 5\d\d/)
      expect(hook.received).toHaveLength(attempts)
    } finally {
      await hook.close()
    }
  })

  it('survives a restart: queued while the receiver is down, delivered once by the next server', async () => {
    const probe = await receiver()
    const port = probe.port
    await probe.close()
    await setWebhookUrl(`http://127.0.0.1:${port}/hook`)
    const lead = await newLead('hook-restart@example.com')
    // First attempt while the receiver is down.
    await payload.jobs.run({ queue: WEBHOOK_QUEUE })
    expect((await payload.findByID({ collection: 'leads', id: lead.id })).webhook).toMatchObject({
      status: 'pending',
      attempts: 1,
    })
    // "Restart": a new Payload on the same database; the receiver comes back.
    const { default: config } = await import('@payload-config')
    const { getPayload } = await import('payload')
    const restarted = await getPayload({ config, key: `${ctx.databaseUri}#webhook-restart` })
    const hook = await receiver([], port)
    try {
      const settled = await runUntilSettled(restarted, lead.id)
      expect(settled.webhook?.status).toBe('delivered')
      const ids = new Set(hook.received.map((r) => r.headers['x-splitpage-delivery']))
      console.log(
        `[webhook] after a restart: ${hook.received.length} request(s), ${ids.size} distinct delivery id(s)`,
      )
      expect(ids.size).toBe(1)
    } finally {
      await hook.close()
    }
  })

  it('resend makes a new delivery with a new id', async () => {
    const hook = await receiver()
    try {
      await setWebhookUrl(hook.url)
      const lead = await newLead('hook-resend@example.com')
      const first = await runUntilSettled(payload, lead.id)
      const again = await queueLeadWebhook(payload, lead.id)
      expect(again).not.toBe(first.webhook?.deliveryId)
      await runUntilSettled(payload, lead.id)
      expect(hook.received.map((r) => r.headers['x-splitpage-delivery'])).toEqual([
        first.webhook?.deliveryId,
        again,
      ])
    } finally {
      await hook.close()
    }
  })

  // Loopback is allowed in this suite (ALLOW_LOOPBACK_WEBHOOKS, for the receiver above); the
  // unit tests of outboundUrl cover its refusal.
  it('refuses private, link-local and local-name targets in the settings', async () => {
    for (const url of [
      'http://10.0.0.5/hook',
      'http://192.168.1.1/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/',
      'http://printer.local/hook',
      'http://user:pass@example.com/hook',
      'ftp://example.com/hook',
    ]) {
      await expect(setWebhookUrl(url)).rejects.toThrow(/webhook|public|credentials|http/i)
    }
  })
})

describe('leads through a QA link', () => {
  async function qaSetup() {
    const qaPage = await formPage(`qa-${Date.now().toString(36)}`)
    const control = await makeVariant(payload, qaPage, 'Control')
    const challenger = await payload.create({
      collection: 'variants',
      data: {
        _status: 'published',
        name: 'Challenger',
        page: qaPage.id,
        layout: [
          {
            blockType: 'leadForm',
            submitLabel: 'Join',
            successMessage: 'Thanks from the challenger!',
            fields: [{ name: 'company', label: 'Company', type: 'text', required: false }],
          },
        ],
      },
    })
    const experiment = await makeExperiment(payload, qaPage, [control, challenger], {
      status: 'draft',
    })
    const token = (key: string, expiresAt = Math.floor(Date.now() / 1000) + 3600) =>
      signQaToken(getPayloadSecret(), {
        experimentId: String(experiment.id),
        variantId: String(challenger.id),
        expiresAt,
        key,
      })
    const challengerBlock = challenger.layout!.find((b) => b.blockType === 'leadForm')!.id!
    return { qaPage, experiment, challenger, challengerBlock, token }
  }

  it('stores a test lead for the link’s variant: no attribution, no conversion, no webhook', async () => {
    const { qaPage, experiment, challengerBlock, token } = await qaSetup()
    const before = await countConversions()
    // A webhook is configured: an ordinary lead would be queued for delivery.
    process.env.LEAD_WEBHOOK_SECRET = 'webhook-test-secret'
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { leadWebhookUrl: 'http://127.0.0.1:9/never-called' },
    })
    const jobs = async () => (await payload.count({ collection: 'payload-jobs' })).totalDocs
    const jobsBefore = await jobs()
    const ordinary = await handleLeadSubmission(payload, submission({}, visitor()))
    expect(ordinary.status).toBe('success')
    expect(await jobs()).toBe(jobsBefore + 1)
    const state = await handleLeadSubmission(payload, {
      values: {
        sp_page: String(qaPage.id),
        sp_block: challengerBlock,
        sp_qa: token(qaKeyOf(experiment)),
        email: 'qa@example.com',
      },
      // A colleague who opened the link: no cookies at all.
      cookies: {},
      ip: ip(),
    })
    expect(state).toMatchObject({ status: 'success', message: 'Thanks from the challenger!' })
    const { docs } = await payload.find({
      collection: 'leads',
      where: { email: { equals: 'qa@example.com' } },
    })
    expect(docs[0]).toMatchObject({
      test: true,
      testNote: `QA link to “Challenger” in “${experiment.name}”`,
      suspect: false,
      experiment: null,
      variant: null,
    })
    expect(await countConversions()).toBe(before + 1)
    expect(await jobs()).toBe(jobsBefore + 1)
    await payload.updateGlobal({ slug: 'site-settings', data: { leadWebhookUrl: null } })
    delete process.env.LEAD_WEBHOOK_SECRET
  })

  it('a revoked or expired link is no test: the challenger’s form is then out of date', async () => {
    const { qaPage, experiment, challengerBlock, token } = await qaSetup()
    for (const sp_qa of [
      token('an-old-key'),
      token(qaKeyOf(experiment), Math.floor(Date.now() / 1000) - 1),
    ]) {
      const state = await handleLeadSubmission(payload, {
        values: {
          sp_page: String(qaPage.id),
          sp_block: challengerBlock,
          sp_qa,
          email: 'late@example.com',
        },
        cookies: {},
        ip: ip(),
      })
      expect(state).toMatchObject({ status: 'error', code: 400 })
    }
  })
})
