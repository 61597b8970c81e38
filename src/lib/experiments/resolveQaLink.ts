import 'server-only'

import type { Payload } from 'payload'

import { getPayloadSecret } from '@/lib/env'
import { qaKeyOf, qaKeyTag, readQaToken } from '@/lib/experiments/qaLinks'
import { idOf } from '@/lib/ids'
import type { Experiment, Variant } from '@/payload-types'

export type QaLink =
  | { ok: true; experiment: Experiment; variant: Variant; expiresAt: number }
  | { ok: false; reason: 'malformed' | 'forged' | 'expired' | 'revoked' | 'unknown' }

/**
 * The full check of a QA link (the proxy did the cheap one): signed and unexpired, the
 * experiment's current link key (not revoked), and a variant of that experiment.
 */
export async function resolveQaLink(payload: Payload, token: unknown): Promise<QaLink> {
  const secret = getPayloadSecret()
  const read = readQaToken(secret, token)
  if (!read.ok) return read
  const { experimentId, variantId, keyTag, expiresAt } = read.claim
  const [experiment, variant] = await Promise.all([
    payload.findByID({
      collection: 'experiments',
      id: experimentId,
      depth: 0,
      disableErrors: true,
    }),
    payload.findByID({ collection: 'variants', id: variantId, depth: 0, disableErrors: true }),
  ])
  if (!experiment || !variant) return { ok: false, reason: 'unknown' }
  if (qaKeyTag(secret, qaKeyOf(experiment)) !== keyTag) return { ok: false, reason: 'revoked' }
  const inExperiment = (experiment.variants ?? []).some(
    (row) => idOf(row.variant) === String(variant.id),
  )
  if (!inExperiment) return { ok: false, reason: 'unknown' }
  return { ok: true, experiment, variant, expiresAt }
}

/** What the visitor of a QA link that does not work is told. */
export const QA_LINK_PROBLEM: Record<Exclude<QaLink, { ok: true }>['reason'], string> = {
  malformed: 'This preview link is incomplete.',
  forged: 'This preview link is not valid.',
  expired: 'This preview link has expired. Ask for a new one.',
  revoked: 'This preview link was revoked. Ask for a new one.',
  unknown: 'This preview link points to a variant that is no longer in the experiment.',
}
