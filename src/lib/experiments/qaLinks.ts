import { createHmac, timingSafeEqual } from 'node:crypto'

/**
 * Shareable QA links: `/<slug>?sp_qa=<token>` forces one variant for whoever opens it, no login,
 * never counted. The token is `<experiment>.<variant>.<expires>.<keyTag>.<signature>`:
 * - the signature (HMAC of the rest with PAYLOAD_SECRET) lets the proxy check a link with no
 *   database call, so a forged one never reaches the dynamic render;
 * - `keyTag` derives from the experiment's QA link key: rotating the key (the admin's "Revoke
 *   all QA links") revokes every link, which the page checks against the database;
 * - `expires` (seconds since 1970) ends it (default 7 days).
 */
export const QA_PARAM = 'sp_qa'
export const QA_LINK_DEFAULT_DAYS = 7
export const QA_LINK_MAX_DAYS = 90

export type QaClaim = { experimentId: string; variantId: string; expiresAt: number; keyTag: string }

const ID = /^[A-Za-z0-9_-]{1,40}$/

const sign = (secret: string, text: string) =>
  createHmac('sha256', secret).update(`splitpage-qa|${text}`).digest('base64url').slice(0, 32)

/** The part of the token that names the experiment's current QA link key. */
export const qaKeyTag = (secret: string, key: string) => sign(secret, `key|${key}`).slice(0, 10)

export function signQaToken(
  secret: string,
  claim: { experimentId: string; variantId: string; expiresAt: number; key: string },
): string {
  const body = [
    claim.experimentId,
    claim.variantId,
    Math.floor(claim.expiresAt),
    qaKeyTag(secret, claim.key),
  ].join('.')
  return `${body}.${sign(secret, body)}`
}

export type QaCheck =
  { ok: true; claim: QaClaim } | { ok: false; reason: 'malformed' | 'forged' | 'expired' }

/** The cheap check (no database): well formed, signed by this server, not expired. */
export function readQaToken(secret: string, token: unknown, now = Date.now()): QaCheck {
  if (typeof token !== 'string' || token.length > 200) return { ok: false, reason: 'malformed' }
  const parts = token.split('.')
  if (parts.length !== 5) return { ok: false, reason: 'malformed' }
  const [experimentId, variantId, expires, keyTag, signature] = parts
  if (!ID.test(experimentId) || !ID.test(variantId) || !/^\d{1,12}$/.test(expires))
    return { ok: false, reason: 'malformed' }
  const expected = Buffer.from(sign(secret, parts.slice(0, 4).join('.')))
  const given = Buffer.from(signature)
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'forged' }
  const expiresAt = Number(expires)
  if (expiresAt * 1000 <= now) return { ok: false, reason: 'expired' }
  return { ok: true, claim: { experimentId, variantId, expiresAt, keyTag } }
}

/** An experiment's QA link key: its own once rotated, else its hash seed (or id). */
export const qaKeyOf = (experiment: {
  id: string | number
  qaLinkKey?: string | null
  hashSeed?: string | null
}) => experiment.qaLinkKey || experiment.hashSeed || String(experiment.id)
