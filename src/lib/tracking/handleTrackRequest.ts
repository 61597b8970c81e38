import 'server-only'

import type { Payload } from 'payload'
import { z } from 'zod'

import { getPayloadSecret } from '@/lib/env'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { slugFromPath } from '@/lib/experiments/paths'
import { currentSnapshot } from '@/lib/experiments/snapshotStore'
import { cookieHeaderGetter, readVisitor } from '@/lib/visitor/readVisitor'
import { clientAddress } from '@/lib/security/clientAddress'
import { addressLimit, consume } from '@/lib/security/rateLimit'
import { EVENT_METADATA_MAX_BYTES } from '@/lib/db/events'
import { logEvent } from '@/lib/tracking/logEvent'

export const MAX_TRACK_BODY_BYTES = 4 * 1024

const metadataSchema = z
  .record(z.string().max(64), z.union([z.string().max(500), z.number(), z.boolean(), z.null()]))
  .refine((value) => Object.keys(value).length <= 20, 'At most 20 metadata keys.')
  .refine(
    (value) => Buffer.byteLength(JSON.stringify(value)) <= EVENT_METADATA_MAX_BYTES,
    `Metadata is limited to ${EVENT_METADATA_MAX_BYTES} bytes.`,
  )

/** What a browser may send. Impressions and conversions are recorded by the server only. */
const trackSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('click'),
    blockId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'blockId must be a block id.'),
    path: z.string().max(200),
    metadata: metadataSchema.optional(),
  }),
  z.strictObject({
    type: z.literal('custom'),
    name: z
      .string()
      .regex(/^[A-Za-z0-9 _.:-]{1,100}$/, 'name: letters, digits, space, _.:- (≤ 100).'),
    path: z.string().max(200),
    blockId: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,64}$/)
      .optional(),
    metadata: metadataSchema.optional(),
  }),
])

const reply = (status: number, error?: string, headers?: Record<string, string>) =>
  error ? Response.json({ error }, { status, headers }) : new Response(null, { status, headers })

function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get('origin')
  const host = request.headers.get('host')
  if (origin) {
    try {
      return new URL(origin).host === host
    } catch {
      return false
    }
  }
  return request.headers.get('sec-fetch-site') === 'same-origin'
}

async function readBody(request: Request): Promise<string | null> {
  const declared = Number(request.headers.get('content-length') ?? 0)
  if (declared > MAX_TRACK_BODY_BYTES) return null
  const reader = request.body?.getReader()
  if (!reader) return ''
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > MAX_TRACK_BODY_BYTES) {
      await reader.cancel()
      return null
    }
    chunks.push(value)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/**
 * The click and custom event endpoint. Same-origin only; the visitor, page, experiment and
 * variant come from the visitor cookie and the server's own assignment, never from the body.
 * Answers 204, or 4xx with a short JSON reason.
 */
export async function handleTrackRequest(
  request: Request,
  getPayload: () => Promise<Payload>,
): Promise<Response> {
  if (!isSameOrigin(request)) return reply(403, 'Cross-origin requests are not accepted.')
  // The media type alone (parameters such as charset aside): `application/json-evil` is not JSON.
  const type = (request.headers.get('content-type') ?? '').split(';')[0].trim().toLowerCase()
  if (type !== 'application/json' && type !== 'text/plain') {
    return reply(415, 'Send JSON (application/json).')
  }
  const visitor = readVisitor(cookieHeaderGetter(request.headers.get('cookie')), getPayloadSecret())
  const visitorId = visitor.id
  if (!visitorId) return reply(400, 'No valid visitor cookie.')

  const limited = await consume([
    addressLimit('track', clientAddress(request.headers)),
    ['track:visitor', visitorId],
  ])
  if (limited) {
    return reply(429, 'Too many events; slow down.', { 'retry-after': String(limited.retryAfter) })
  }

  const text = await readBody(request)
  if (text === null) return reply(413, `The body is limited to ${MAX_TRACK_BODY_BYTES} bytes.`)
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch {
    return reply(400, 'The body is not valid JSON.')
  }
  const parsed = trackSchema.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return reply(400, `${issue.path.join('.') || 'body'}: ${issue.message}`)
  }
  const event = parsed.data
  const slug = slugFromPath(event.path)
  if (!slug) return reply(400, 'path must be the address of a page, such as / or /spring-sale.')

  try {
    const snapshot = await currentSnapshot()
    if (snapshot?.consentRequired && !visitor.consented) {
      return reply(403, 'The visitor has not consented to tracking.')
    }
    const payload = await getPayload()
    const assigned = await getAssignedVariant(payload, {
      pageSlug: slug,
      visitorId,
      sticky: visitor.sticky,
    })
    if (!assigned) return reply(404, 'No such page.')
    const block = event.blockId
      ? assigned.layout.find((candidate) => candidate.id === event.blockId)
      : undefined
    if (event.blockId && !block) return reply(400, 'blockId is not a block of this page.')
    const queued = await logEvent({
      eventType: event.type,
      eventName: event.type === 'custom' ? event.name : null,
      page: String(assigned.page.id),
      experiment: assigned.experiment?.id ?? null,
      variant: assigned.variant ? String(assigned.variant.id) : null,
      visitorId,
      blockId: event.blockId ?? null,
      blockType: event.type === 'click' ? (block?.blockType ?? null) : null,
      metadata: event.metadata ?? null,
    })
    if (!queued) return reply(503, 'The server is restarting; send the event again.')
  } catch (error) {
    console.error('[splitpage] tracking failed:', error)
    return reply(503, 'Tracking is unavailable right now.')
  }
  return reply(204)
}
