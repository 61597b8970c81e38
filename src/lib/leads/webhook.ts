import { createHmac } from 'node:crypto'

import { nanoid } from 'nanoid'
import type { Payload, TaskConfig } from 'payload'

import type { Lead } from '@/payload-types'
import { maybeIdOf } from '@/lib/ids'
import { checkOutboundUrl } from '@/lib/security/outboundUrl'

export const SIGNATURE_HEADER = 'x-splitpage-signature'
export const TIMESTAMP_HEADER = 'x-splitpage-timestamp'
/** The same for every attempt of one delivery, so a receiver can drop repeats. */
export const DELIVERY_HEADER = 'x-splitpage-delivery'

export const WEBHOOK_QUEUE = 'webhooks'
export const WEBHOOK_TASK = 'deliverLeadWebhook'

/**
 * The retry schedule: `WEBHOOK_MAX_ATTEMPTS` attempts (default 10), waiting
 * `WEBHOOK_RETRY_BASE_MS` (default 30 s) after the first failure and doubling after each:
 * 30 s, 1, 2, 4, 8, 16, 32, 64 and 128 min — about 4 h 15 min from the first attempt to the
 * last. Tests shorten it through the same variables.
 */
export function webhookSchedule() {
  const attempts = Number(process.env.WEBHOOK_MAX_ATTEMPTS ?? 10)
  const delay = Number(process.env.WEBHOOK_RETRY_BASE_MS ?? 30_000)
  return {
    attempts: Number.isInteger(attempts) && attempts > 0 ? Math.min(attempts, 30) : 10,
    delay: Number.isFinite(delay) && delay >= 0 ? delay : 30_000,
  }
}

/** HMAC-SHA256 over `<timestamp>.<body>`, hex, as sent in `X-Splitpage-Signature: sha256=…`. */
export function signWebhook(body: string, timestamp: string, secret: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')
}

const nameOf = (value: unknown) =>
  value && typeof value === 'object' && 'name' in value
    ? String((value as { name: unknown }).name)
    : null

export function webhookBody(lead: Lead) {
  return {
    event: 'lead.created',
    lead: {
      id: lead.id,
      email: lead.email,
      name: lead.name ?? null,
      page: maybeIdOf(lead.page),
      experiment:
        maybeIdOf(lead.experiment) == null
          ? null
          : { id: maybeIdOf(lead.experiment), name: nameOf(lead.experiment) },
      variant:
        maybeIdOf(lead.variant) == null
          ? null
          : { id: maybeIdOf(lead.variant), name: nameOf(lead.variant) },
      visitorId: lead.visitorId ?? null,
      formData: lead.formData ?? null,
      utm: {
        source: lead.utmSource ?? null,
        medium: lead.utmMedium ?? null,
        campaign: lead.utmCampaign ?? null,
      },
      consentGiven: Boolean(lead.consentGiven),
      suspect: Boolean(lead.suspect),
      convertedAt: lead.convertedAt,
    },
  }
}

type WebhookState = Partial<NonNullable<Lead['webhook']>>

const recordState = (payload: Payload, leadId: Lead['id'], webhook: WebhookState) =>
  payload.update({
    collection: 'leads',
    id: leadId,
    data: { webhook },
    overrideAccess: true,
    context: { disableRevalidate: true },
  })

/**
 * Queues a delivery of a lead to the webhook, when one is configured: a job in the database,
 * so it survives restarts and is retried on the schedule above. Each call is a new delivery
 * (a new delivery id): "resend" calls it again. Never throws: the lead is already saved.
 */
export async function queueLeadWebhook(payload: Payload, leadId: Lead['id']) {
  try {
    const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
    if (!settings.leadWebhookUrl) return null
    if (!process.env.LEAD_WEBHOOK_SECRET) {
      await recordState(payload, leadId, {
        status: 'failed',
        lastError: 'LEAD_WEBHOOK_SECRET is not set',
      })
      return null
    }
    const deliveryId = nanoid(21)
    await recordState(payload, leadId, {
      status: 'pending',
      deliveryId,
      attempts: 0,
      lastError: null,
      deliveredAt: null,
    })
    await payload.jobs.queue({
      task: WEBHOOK_TASK,
      queue: WEBHOOK_QUEUE,
      input: { leadId: String(leadId), deliveryId },
    })
    return deliveryId
  } catch (error) {
    console.error('[splitpage] could not queue the lead webhook:', error)
    return null
  }
}

/** A failure that no retry can mend (no URL, no secret, a refused address): not retried. */
class PermanentWebhookFailure extends Error {}

/**
 * One attempt of one delivery. Throws on failure so the job system retries it on the schedule;
 * the lead shows the state throughout (pending with the last error, then delivered or failed).
 */
async function attemptDelivery(
  payload: Payload,
  { leadId, deliveryId }: { leadId: string; deliveryId: string },
  attempt: number,
  lastAttempt: boolean,
) {
  const lead = await payload.findByID({
    collection: 'leads',
    id: leadId,
    depth: 1,
    disableErrors: true,
  })
  // The lead was erased, or a newer delivery (resend) replaced this one.
  if (!lead || lead.webhook?.deliveryId !== deliveryId) return
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  const url = settings.leadWebhookUrl
  const secret = process.env.LEAD_WEBHOOK_SECRET
  let problem: string
  let permanent = false
  try {
    if (!url || !secret) throw new PermanentWebhookFailure('The webhook URL or secret was removed.')
    const target = await checkOutboundUrl(url)
    if (!target.ok) throw new PermanentWebhookFailure(target.reason)
    const body = JSON.stringify(webhookBody(lead))
    const timestamp = String(Math.floor(Date.now() / 1000))
    const response = await fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/json',
        [DELIVERY_HEADER]: deliveryId,
        [TIMESTAMP_HEADER]: timestamp,
        [SIGNATURE_HEADER]: `sha256=${signWebhook(body, timestamp, secret)}`,
      },
      body,
      signal: AbortSignal.timeout(10_000),
    })
    if (response.ok) {
      await recordState(payload, lead.id, {
        status: 'delivered',
        attempts: attempt,
        lastError: null,
        deliveredAt: new Date().toISOString(),
      })
      return
    }
    problem = `HTTP ${response.status}`
  } catch (error) {
    permanent = error instanceof PermanentWebhookFailure
    problem = (error as Error).message
  }
  const failed = lastAttempt || permanent
  await recordState(payload, lead.id, {
    status: failed ? 'failed' : 'pending',
    attempts: attempt,
    lastError: problem.slice(0, 500),
  })
  console.error(
    `[splitpage] webhook delivery ${deliveryId} (lead ${lead.id}) attempt ${attempt} failed: ${problem}${failed ? ' — giving up' : ' — will retry'}`,
  )
  if (!failed) throw new Error(`webhook delivery ${deliveryId} failed: ${problem}`)
}

/** The job that delivers a lead webhook (registered in payload.config.ts). */
export const deliverLeadWebhookTask: TaskConfig<{
  input: { leadId: string; deliveryId: string }
  output: object
}> = {
  slug: WEBHOOK_TASK,
  label: 'Deliver a lead webhook',
  inputSchema: [
    { name: 'leadId', type: 'text', required: true },
    { name: 'deliveryId', type: 'text', required: true },
  ],
  retries: {
    attempts: webhookSchedule().attempts - 1,
    backoff: { type: 'exponential', delay: webhookSchedule().delay },
  },
  handler: async ({ input, job, req }) => {
    const { attempts } = webhookSchedule()
    const attempt = (job.totalTried ?? 0) + 1
    await attemptDelivery(req.payload, input, attempt, attempt >= attempts)
    return { output: {} }
  },
}
