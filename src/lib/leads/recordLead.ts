import 'server-only'

import type { Payload, PayloadRequest } from 'payload'

import type { AnalyticsEvent, Lead } from '@/payload-types'
import { applyRollups } from '@/lib/db/rollups'
import { queueLeadWebhook } from '@/lib/leads/webhook'

export type LeadData = Omit<Lead, 'id' | 'createdAt' | 'updatedAt' | 'convertedAt' | 'webhook'>
export type ConversionData = Omit<AnalyticsEvent, 'id' | 'createdAt' | 'updatedAt' | 'eventType'>

const isUniqueViolation = (error: unknown) =>
  /unique|duplicate key|E11000|idempotencyKey/i.test(
    `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { data?: unknown })?.data ?? '')}`,
  )

async function findByKey(payload: Payload, key: string | null | undefined) {
  if (!key) return null
  const { docs } = await payload.find({
    collection: 'leads',
    where: { idempotencyKey: { equals: key } },
    limit: 1,
    depth: 0,
    pagination: false,
  })
  return docs[0] ?? null
}

/**
 * Writes a lead and its conversion event together: in one transaction where the database has
 * them, otherwise by removing the lead again when the event cannot be written, so a failure
 * leaves neither. A repeated idempotency key returns the first lead instead of a second one.
 */
export async function recordLead(
  payload: Payload,
  lead: LeadData,
  /** The conversion event written with the lead; null for a lead that is no conversion. */
  conversion: ConversionData | null,
): Promise<{ lead: Lead; duplicate: boolean }> {
  const existing = await findByKey(payload, lead.idempotencyKey)
  if (existing) return { lead: existing, duplicate: true }

  const transactionID = (await payload.db.beginTransaction?.()) ?? null
  const req = (transactionID ? { transactionID } : {}) as Partial<PayloadRequest>
  let created: Lead | null = null
  try {
    created = await payload.create({ collection: 'leads', data: lead, req, overrideAccess: true })
    if (conversion) {
      await payload.create({
        collection: 'analytics-events',
        data: { ...conversion, eventType: 'conversion' },
        req,
        overrideAccess: true,
      })
    }
    if (transactionID) await payload.db.commitTransaction(transactionID)
  } catch (error) {
    if (transactionID) {
      await payload.db.rollbackTransaction(transactionID).catch(() => undefined)
    } else if (created) {
      await payload
        .delete({ collection: 'leads', id: created.id, overrideAccess: true })
        .catch(() => undefined)
    }
    if (isUniqueViolation(error)) {
      const first = await findByKey(payload, lead.idempotencyKey)
      if (first) return { lead: first, duplicate: true }
    }
    throw error
  }
  if (conversion) {
    try {
      await applyRollups(payload, [
        {
          eventType: 'conversion',
          experiment: conversion.experiment == null ? null : String(conversion.experiment),
          variant: conversion.variant == null ? null : String(conversion.variant),
          visitorId: conversion.visitorId,
          metadata: (conversion.metadata as Record<string, unknown> | null) ?? null,
          timestamp: conversion.timestamp ?? new Date().toISOString(),
        },
      ])
    } catch (error) {
      console.error('[splitpage] could not update result rollups:', error)
    }
  }
  // Queued before answering: the delivery job is in the database before the visitor is thanked.
  // A test lead (sent through a QA link) goes to no webhook.
  if (!lead.test) await queueLeadWebhook(payload, created.id)
  return { lead: created, duplicate: false }
}
