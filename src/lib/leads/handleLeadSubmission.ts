import 'server-only'

import { createHash } from 'node:crypto'

import { isbot } from 'isbot'
import type { Payload } from 'payload'

import type { LeadFormBlock } from '@/payload-types'
import { asDocId, isDocIdFormat } from '@/lib/db/docId'
import { getPayloadSecret } from '@/lib/env'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { FORM_NAME } from '@/lib/experiments/goals'
import { resolveQaLink } from '@/lib/experiments/resolveQaLink'
import { layoutFor } from '@/lib/content/layout'
import { idOf } from '@/lib/ids'
import { LEAD_FORM_INPUTS } from '@/lib/leads/inputs'
import { parseLead, type LeadFieldErrors } from '@/lib/leads/parseLead'
import { recordLead } from '@/lib/leads/recordLead'
import { siteSettings } from '@/lib/content/readers'
import { ADMIN_TOKEN_COOKIE, isSignedAdminToken } from '@/lib/security/adminToken'
import { internalAddressMatcher, internalRangesOf } from '@/lib/security/internalTraffic'
import { addressLimit, consume } from '@/lib/security/rateLimit'
import { readVisitor } from '@/lib/visitor/readVisitor'

export type LeadFormState = {
  status: 'idle' | 'success' | 'error'
  message: string
  errors?: LeadFieldErrors
  /** HTTP-like status of the outcome, for callers that answer over HTTP. */
  code?: number
  redirectTo?: string | null
}

export const MIN_SECONDS_BEFORE_SUBMIT = 2

/** A stable stand-in id for a visitor without cookies (consent mode), never the address itself. */
const anonymousVisitor = (ip: string | null) =>
  ip ? `anonymous-${createHash('sha256').update(ip).digest('hex').slice(0, 16)}` : 'anonymous'

const TRY_AGAIN = 'We could not save your details just now. Please try again in a moment.'
const OUT_OF_DATE = 'This form is out of date. Please reload the page and try again.'

export type LeadSubmission = {
  values: Record<string, string | undefined>
  /** The visitor's cookies by name (`vid`, `spa`, `spv`, `spc`), as the request carried them. */
  cookies: Partial<Record<string, string>>
  /** The client's address from a trusted proxy, or null when there is none (see rateLimit). */
  ip: string | null
  userAgent?: string | null
  now?: Date
}

const error = (message: string, code: number, errors?: LeadFieldErrors): LeadFormState => ({
  status: 'error',
  message,
  code,
  errors,
})

/**
 * What a conversion carries for goals: the form's lead value (set on the block by the marketer)
 * for lead value goals, and its name for goals on one form.
 */
function conversionMetadata(block: LeadFormBlock): { value?: number; form?: string } | null {
  const metadata: { value?: number; form?: string } = {}
  if (typeof block.value === 'number' && block.value > 0) metadata.value = block.value
  if (block.formName && FORM_NAME.test(block.formName)) metadata.form = block.formName
  return Object.keys(metadata).length > 0 ? metadata : null
}

function findLeadForm(layouts: unknown[][], blockId: string): LeadFormBlock | null {
  for (const layout of layouts) {
    for (const block of layout as { blockType?: string; id?: string | null }[]) {
      if (block?.blockType === 'leadForm' && block.id === blockId) return block as LeadFormBlock
    }
  }
  return null
}

/**
 * Everything the lead form's server action does, minus Next's request plumbing: rate limits,
 * spam checks, validation against the block that rendered the form, attribution re-derived from
 * the visitor cookie, and the atomic lead + conversion write.
 */
export async function handleLeadSubmission(
  payload: Payload,
  { values, cookies, ip, userAgent = null, now = new Date() }: LeadSubmission,
): Promise<LeadFormState> {
  const secret = getPayloadSecret()
  const visitor = readVisitor((name) => cookies[name], secret)
  const visitorId = visitor.id
  const checks: Parameters<typeof consume>[0] = [addressLimit('lead', ip)]
  if (visitorId) checks.push(['lead:visitor', visitorId])
  const limited = await consume(checks)
  if (limited) {
    return error(`Too many submissions. Please try again in ${limited.retryAfter} seconds.`, 429)
  }

  const pageId = values[LEAD_FORM_INPUTS.pageId] ?? ''
  const blockId = values[LEAD_FORM_INPUTS.blockId] ?? ''
  if (!isDocIdFormat(payload, pageId) || !/^[A-Za-z0-9_-]{1,40}$/.test(blockId)) {
    return error(OUT_OF_DATE, 400)
  }

  let page
  try {
    page = await payload.findByID({
      collection: 'pages',
      id: pageId,
      depth: 0,
      disableErrors: true,
    })
  } catch {
    return error(TRY_AGAIN, 503)
  }
  if (!page) return error(OUT_OF_DATE, 400)

  // Through a QA link: the link's variant, stored as a test (no attribution, no conversion).
  let qa = null
  if (values[LEAD_FORM_INPUTS.qa]) {
    try {
      const link = await resolveQaLink(payload, values[LEAD_FORM_INPUTS.qa])
      qa = link.ok && idOf(link.variant.page) === String(page.id) ? link : null
    } catch {
      return error(TRY_AGAIN, 503)
    }
  }

  let assigned
  try {
    assigned =
      visitorId && !qa
        ? await getAssignedVariant(payload, {
            pageSlug: page.slug,
            visitorId,
            sticky: visitor.sticky,
            now,
          })
        : null
  } catch {
    return error(TRY_AGAIN, 503)
  }
  const block = findLeadForm(
    [qa ? layoutFor(page, qa.variant) : (assigned?.layout ?? []), page.layout],
    blockId,
  )
  if (!block) return error(OUT_OF_DATE, 400)

  const success: LeadFormState = {
    status: 'success',
    message: block.successMessage,
    code: 200,
    redirectTo: block.redirectUrl || null,
  }

  // Spam gets an ordinary-looking answer and is neither a lead nor a conversion.
  if (values[LEAD_FORM_INPUTS.honeypot]) return success
  const viewedAt = visitor.pageViewAt
  if (viewedAt !== null && now.getTime() - viewedAt < MIN_SECONDS_BEFORE_SUBMIT * 1000)
    return success
  let settings
  try {
    settings = await siteSettings.forRequest(payload)
  } catch {
    return error(TRY_AGAIN, 503)
  }
  let suspectReason: string | null = null
  if (qa) suspectReason = null
  else if (isbot(userAgent ?? '')) suspectReason = 'Sent by a bot (user agent).'
  else if (
    isSignedAdminToken(cookies[ADMIN_TOKEN_COOKIE], secret) ||
    internalAddressMatcher(internalRangesOf(settings.internalIpRanges))(ip)
  )
    suspectReason = 'Internal traffic (a logged-in user or an internal address).'
  else if (viewedAt === null) {
    // Fail closed: no signed page view means the minimum-time check could not run. Visitors in
    // consent mode who have not consented carry no cookies by design; for them only the
    // honeypot applies, and that alone does not make them suspect.
    const cookiesRefused = Boolean(settings.consentMode) && !visitor.consented
    if (!cookiesRefused) suspectReason = 'No page view was recorded before this submission.'
  }

  const parsed = parseLead(values, block)
  if (!parsed.ok) return error('Please check the highlighted fields.', 422, parsed.errors)
  const { data } = parsed

  const token = values[LEAD_FORM_INPUTS.token] ?? ''
  const idempotencyKey = /^[A-Za-z0-9_-]{8,64}$/.test(token)
    ? createHash('sha256')
        .update(`${visitorId ?? ip ?? 'anonymous'}|${token}|${data.email}`)
        .digest('hex')
    : null
  // Attribution comes from the server's own assignment, never from the form, and only from a
  // variant this visitor was actually served (a sticky assignment the proxy recorded): a choice
  // made just now, for a visitor who never saw the page, attributes nothing.
  const served = assigned && !assigned.fresh ? assigned : null
  const experiment = served?.experiment ? asDocId(payload, served.experiment.id) : null
  const variant = served?.variant ? served.variant.id : null

  try {
    await recordLead(
      payload,
      {
        email: data.email,
        name: data.name,
        page: page.id,
        experiment: experiment as never,
        variant: variant as never,
        visitorId,
        formData: data.formData,
        consentGiven: visitor.consented,
        consentAt: visitor.consented ? now.toISOString() : null,
        utmSource: data.utm.source,
        utmMedium: data.utm.medium,
        utmCampaign: data.utm.campaign,
        idempotencyKey,
        suspect: suspectReason !== null,
        suspectReason,
        test: qa !== null,
        testNote: qa
          ? `QA link to “${qa.variant.name}” in “${qa.experiment.name}”`.slice(0, 300)
          : null,
      },
      // A suspect or test lead is kept (for review) but is not a conversion.
      suspectReason || qa
        ? null
        : {
            page: page.id,
            experiment: experiment as never,
            variant: variant as never,
            visitorId: visitorId ?? anonymousVisitor(ip),
            blockId,
            metadata: conversionMetadata(block),
            timestamp: now.toISOString(),
          },
    )
  } catch (cause) {
    console.error('[splitpage] lead could not be saved:', cause)
    return error(TRY_AGAIN, 503)
  }
  return success
}
