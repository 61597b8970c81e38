import 'server-only'

import { createHmac } from 'node:crypto'

import type { Payload } from 'payload'

import type { Lead } from '@/payload-types'
import { maybeIdOf } from '@/lib/ids'

export const SIGNATURE_HEADER = 'x-splitpage-signature'
export const TIMESTAMP_HEADER = 'x-splitpage-timestamp'

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
      convertedAt: lead.convertedAt,
    },
  }
}

type Options = {
  url: string
  secret: string
  maxAttempts?: number
  baseDelayMs?: number
  timeoutMs?: number
}

/**
 * POSTs a lead to the webhook, retrying with exponential backoff (1 s, 2 s, 4 s, …), and keeps
 * the delivery status on the lead. Never throws: the lead is already saved.
 */
export async function deliverLeadWebhook(payload: Payload, leadId: Lead['id'], options: Options) {
  const { url, secret, maxAttempts = 5, baseDelayMs = 1000, timeoutMs = 5000 } = options
  const lead = await payload.findByID({ collection: 'leads', id: leadId, depth: 1 })
  const body = JSON.stringify(webhookBody(lead))
  const record = (data: Partial<NonNullable<Lead['webhook']>>) =>
    payload
      .update({
        collection: 'leads',
        id: leadId,
        data: { webhook: data },
        context: { disableRevalidate: true },
      })
      .catch((error) => console.error('[splitpage] could not record webhook status:', error))

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const timestamp = String(Math.floor(Date.now() / 1000))
    let problem: string
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: `sha256=${signWebhook(body, timestamp, secret)}`,
        },
        body,
        signal: AbortSignal.timeout(timeoutMs),
      })
      if (response.ok) {
        await record({
          status: 'delivered',
          attempts: attempt,
          lastError: null,
          deliveredAt: new Date().toISOString(),
        })
        return true
      }
      problem = `HTTP ${response.status}`
    } catch (error) {
      problem = (error as Error).message
    }
    const last = attempt === maxAttempts
    await record({ status: last ? 'failed' : 'pending', attempts: attempt, lastError: problem })
    if (!last) await new Promise((resolve) => setTimeout(resolve, baseDelayMs * 2 ** (attempt - 1)))
  }
  return false
}

/** Starts delivery in the background when a webhook URL is configured. */
export async function queueLeadWebhook(payload: Payload, leadId: Lead['id']) {
  try {
    const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
    const url = settings.leadWebhookUrl
    if (!url) return
    const secret = process.env.LEAD_WEBHOOK_SECRET
    if (!secret) {
      await payload.update({
        collection: 'leads',
        id: leadId,
        data: { webhook: { status: 'failed', lastError: 'LEAD_WEBHOOK_SECRET is not set' } },
      })
      return
    }
    await payload.update({
      collection: 'leads',
      id: leadId,
      data: { webhook: { status: 'pending' } },
    })
    void deliverLeadWebhook(payload, leadId, { url, secret })
  } catch (error) {
    console.error('[splitpage] could not start webhook delivery:', error)
  }
}
