import http from 'node:http'
import type { AddressInfo } from 'node:net'

import type { Payload } from 'payload'
import { SMTPServer } from 'smtp-server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import type { QueuedEvent } from '@/lib/db/events'
import { notificationIdOf, notifyExperiments } from '@/lib/notifications/notify'
import type { Experiment, Variant } from '@/payload-types'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

// A real SMTP server (npm's smtp-server) and a webhook receiver on loopback: what the
// notification job sends is read back from them.
type Mail = { to: string; raw: string }
const mails: Mail[] = []
const posts: { id: string | undefined; body: { text: string; id: string } }[] = []
let failNextPosts = 0
let smtp: SMTPServer
let receiver: http.Server
let receiverUrl: string
let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let raw = ''
      stream.on('data', (chunk) => (raw += chunk))
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw })
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
  const smtpPort = (smtp.server.address() as AddressInfo).port
  receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      posts.push({ id: req.headers['x-splitpage-notification'] as string, body: JSON.parse(body) })
      if (failNextPosts > 0) {
        failNextPosts--
        res.writeHead(500).end()
      } else res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`
  Object.assign(process.env, {
    SMTP_HOST: '127.0.0.1',
    SMTP_PORT: String(smtpPort),
    SMTP_FROM: 'splitpage@example.com',
    ALLOW_LOOPBACK_WEBHOOKS: 'true',
  })
  ctx = await startTestPayload()
  payload = ctx.payload
  await payload.updateGlobal({
    slug: 'site-settings',
    data: { notifyEmails: 'team@example.com, lead@example.com', notifyWebhookUrl: receiverUrl },
  })
})

afterAll(async () => {
  await ctx?.cleanup()
  await new Promise<void>((resolve) => smtp?.close(() => resolve()))
  await new Promise<void>((resolve) => receiver?.close(() => resolve()))
  for (const key of ['SMTP_HOST', 'SMTP_PORT', 'SMTP_FROM', 'ALLOW_LOOPBACK_WEBHOOKS'])
    delete process.env[key]
})

/** `count` new visitors of a variant, the first `converted` of them converting. */
function visitors(experiment: Experiment, variant: Variant, count: number, converted = 0) {
  return Array.from({ length: count }, (_, i): QueuedEvent[] => {
    const base = {
      page: String(typeof experiment.page === 'object' ? experiment.page.id : experiment.page),
      experiment: String(experiment.id),
      variant: String(variant.id),
      visitorId: `n-${experiment.id}-${variant.id}-${i}`,
      timestamp: new Date().toISOString(),
    }
    return i < converted
      ? [
          { ...base, eventType: 'impression' },
          { ...base, eventType: 'conversion' },
        ]
      : [{ ...base, eventType: 'impression' }]
  }).flat()
}

async function experimentWith(
  counts: [number, number][],
  overrides: Partial<Experiment> = {},
): Promise<Experiment> {
  const page = await makePage(payload, `Notify ${Math.random().toString(36).slice(2, 8)}`)
  const variants = [
    await makeVariant(payload, page, 'Original'),
    await makeVariant(payload, page, 'Bold', 'Bold'),
  ]
  const experiment = await makeExperiment(payload, page, variants, overrides)
  await bulkInsertEvents(
    payload,
    counts.flatMap(([n, x], i) => visitors(experiment, variants[i], n, x)),
  )
  return experiment
}

/** The message's text with quoted-printable soft breaks and escapes undone. */
const readable = (raw: string) =>
  Buffer.from(
    raw
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
    'latin1',
  ).toString('utf8')

const notificationsOf = async (experiment: Experiment) =>
  (
    await payload.find({
      collection: 'notifications',
      where: { experiment: { equals: experiment.id } },
      depth: 0,
    })
  ).docs

describe('experiment notifications (job, email, webhook)', () => {
  it('a sample-ratio mismatch is told once, by email and webhook, with one stable id', async () => {
    const experiment = await experimentWith([
      [1000, 0],
      [600, 0],
    ])
    const id = notificationIdOf(experiment.id, 1, 'srm')
    const before = { mails: mails.length, posts: posts.length }
    for (let run = 0; run < 3; run++) await notifyExperiments(payload)
    const mine = mails.slice(before.mails).filter((mail) => mail.raw.includes(id))
    const hooks = posts.slice(before.posts).filter((post) => post.id === id)
    console.log(`[notify] 3 job runs: ${mine.length} email, ${hooks.length} webhook post for ${id}`)
    expect(mine).toHaveLength(1)
    expect(mine[0].to).toBe('team@example.com,lead@example.com')
    expect(mine[0].raw).toMatch(new RegExp(`X-Splitpage-Notification: ${id}`, 'i'))
    expect(readable(mine[0].raw)).toContain('Sample-ratio mismatch in “')
    expect(hooks).toHaveLength(1)
    expect(hooks[0].body).toMatchObject({ id })
    expect(hooks[0].body.text).toMatch(/“Bold” has 37\.5% of visitors where 50\.0% were expected/)
    const [stored] = await notificationsOf(experiment)
    expect(stored).toMatchObject({
      notificationId: id,
      kind: 'srm',
      email: { status: 'sent', attempts: 1 },
      webhook: { status: 'sent', attempts: 1 },
    })
  })

  it('a failed webhook post is retried at the next run with the same id', async () => {
    const experiment = await experimentWith([
      [900, 0],
      [500, 0],
    ])
    const id = notificationIdOf(experiment.id, 1, 'srm')
    const before = posts.length
    failNextPosts = 1
    await notifyExperiments(payload)
    expect((await notificationsOf(experiment))[0].webhook).toMatchObject({
      status: 'pending',
      attempts: 1,
      error: 'webhook answered HTTP 500',
    })
    await notifyExperiments(payload)
    const mine = posts.slice(before).filter((post) => post.id === id)
    expect(mine).toHaveLength(2)
    expect(new Set(mine.map((post) => post.id)).size).toBe(1)
    expect((await notificationsOf(experiment))[0].webhook).toMatchObject({
      status: 'sent',
      attempts: 2,
    })
  })

  it('fixed-horizon significance waits for the planned sample size; peeking-safe does not', async () => {
    const big = [
      [500, 10],
      [500, 60],
    ] as [number, number][]
    const fixed = await experimentWith(big, { sequentialTesting: false })
    const sequential = await experimentWith(big, { sequentialTesting: true })
    await notifyExperiments(payload)
    expect((await notificationsOf(fixed)).map((n) => n.kind)).not.toContain('significant')
    const told = await notificationsOf(sequential)
    expect(told.map((n) => n.kind)).toContain('significant')
    expect(told.find((n) => n.kind === 'significant')?.message).toMatch(/“Bold” wins \(\+500\.0%/)
  })

  it('only the chosen kinds are told', async () => {
    await payload.updateGlobal({ slug: 'site-settings', data: { notifyOn: ['sample-size'] } })
    try {
      const experiment = await experimentWith([
        [800, 0],
        [400, 0],
      ])
      await notifyExperiments(payload)
      expect(await notificationsOf(experiment)).toEqual([])
    } finally {
      await payload.updateGlobal({
        slug: 'site-settings',
        data: {
          notifyOn: ['sample-size', 'significant', 'srm', 'schedule-start', 'schedule-stop'],
        },
      })
    }
  })

  it('with SMTP configured, a password reset email is sent', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'forgetful@example.com', password: 'long-password-1', role: 'marketer' },
    })
    const before = mails.length
    await payload.forgotPassword({ collection: 'users', data: { email: 'forgetful@example.com' } })
    const mail = mails.slice(before).find((m) => m.to === 'forgetful@example.com')
    expect(mail?.raw).toMatch(/reset-password|reset/i)
  })
})
