import { nanoid } from 'nanoid'
import { NextResponse, type NextRequest } from 'next/server'

import { getPayloadSecret, servesVariantHtmlFromMemory } from '@/lib/env'
import {
  isSingleSegment,
  NOT_A_PAGE_PATH,
  slugFromPath,
  VARIANT_PATH_PREFIX,
  variantPath,
  variantPathToken,
} from '@/lib/experiments/paths'
import { QA_PARAM, readQaToken } from '@/lib/experiments/qaLinks'
import { requestTraits } from '@/lib/experiments/requestTraits'
import { segmentOf } from '@/lib/experiments/segments'
import type { Traits } from '@/lib/experiments/audience'
import { assignFromSnapshot, findServingExperiment } from '@/lib/experiments/snapshot'
import { currentSnapshot } from '@/lib/experiments/snapshotStore'
import { variantHtmlCache } from '@/lib/experiments/variantHtml'
import { ADMIN_TOKEN_COOKIE, isSignedAdminToken } from '@/lib/security/adminToken'
import { refuseFormPost } from '@/lib/security/formPosts'
import { internalAddressMatcher } from '@/lib/security/internalTraffic'
import { clientAddress } from '@/lib/security/clientAddress'
import { onInvalidation } from '@/lib/shared/invalidation'
import { processSingleton } from '@/lib/shared/processSingleton'
import { logEvent } from '@/lib/tracking/logEvent'
import { encodePageView, PAGE_VIEW_COOKIE } from '@/lib/visitor/pageViewStamp'
import { cookieStoreGetter, readVisitor } from '@/lib/visitor/readVisitor'
import { isRealPageView } from '@/lib/visitor/requestSignals'
import { ASSIGNMENTS_COOKIE, encodeAssignments } from '@/lib/visitor/sticky'
import {
  getOrCreateVisitorId,
  VISITOR_COOKIE,
  VISITOR_COOKIE_MAX_AGE,
} from '@/lib/visitor/visitorId'

/**
 * A rewritten request passes through the proxy a second time; this per-process token marks it
 * so it is served as is (and lets the proxy refuse direct requests to the preview path).
 */
const INTERNAL_HEADER = 'x-splitpage-internal'
const internalToken = processSingleton('proxyToken', () => nanoid(32))

const pathToken = () =>
  processSingleton('variantPathToken', () => variantPathToken(getPayloadSecret()))
const PRIVATE_CACHE_CONTROL = 'private, no-store'
const PAGE_VIEW_MAX_AGE = 24 * 60 * 60

/**
 * The variant pages' HTML, filled by asking this server itself at the origin Next's start says it
 * listens on (set once it listens; without it, or with VARIANT_HTML_CACHE=false, the proxy
 * rewrites as before).
 */
function variantHtml() {
  const state = processSingleton('variantHtml', () => ({
    cache: null as ReturnType<typeof variantHtmlCache> | null,
  }))
  if (state.cache) return state.cache
  const origin = process.env.__NEXT_PRIVATE_ORIGIN
  if (!origin || !servesVariantHtmlFromMemory()) return null
  const cache = variantHtmlCache({
    load: async (path) => {
      const answer = await fetch(new URL(path, origin), {
        headers: { [INTERNAL_HEADER]: internalToken, 'accept-encoding': 'identity' },
        cache: 'no-store',
        signal: AbortSignal.timeout(10_000),
      })
      return { status: answer.status, headers: answer.headers, body: () => answer.arrayBuffer() }
    },
  })
  onInvalidation('variantHtml', () => cache.invalidate())
  return (state.cache = cache)
}

/** Requests Next answers with something other than the page's HTML (RSC payloads, a 304). */
const NOT_FOR_HTML_COPY = [
  'rsc',
  'next-router-prefetch',
  'next-router-state-tree',
  'next-router-segment-prefetch',
  'if-none-match',
]

/**
 * The answer for a visitor of a variant page: its HTML kept in memory (see variantHtml) when
 * there is a fresh copy and the request is for the document, else the rewrite to its path.
 */
function variantResponse(request: NextRequest, target: string) {
  const { search, searchParams } = request.nextUrl
  const copy =
    request.method === 'GET' &&
    !NOT_FOR_HTML_COPY.some((name) => request.headers.has(name)) &&
    !searchParams.has('_rsc')
      ? (variantHtml()?.get(target) ?? null)
      : null
  if (copy) return new NextResponse(copy.body, { headers: copy.headers })
  return NextResponse.rewrite(new URL(`${target}${search}`, request.url))
}

/**
 * Sets the proxy's cookies on its answer. For a GET, each is appended as the Set-Cookie line
 * Next's `response.cookies.set` writes (same attributes in the same order: Path, Expires,
 * Max-Age, Secure, HttpOnly, SameSite), without what that call also does every time: serialise
 * every cookie set so far twice more, copy the answer's headers, and pass the cookies on to the
 * page's render (x-middleware-set-cookie). No GET render reads these cookies: variant and static
 * pages are prerendered, and the preview reads only what the browser sent. Profiled (`npm run
 * bench -- --profile`), a first visit's three cookies through Next's call and what they left
 * to collect put the page thread 197 µs over the static page's; 67 µs with this. A POST (a
 * server action, which reads `cookies()`, e.g. a new visitor's sticky variant for a lead) keeps
 * Next's call.
 */
function setCookies(
  request: NextRequest,
  response: NextResponse,
  cookies: [name: string, value: string, maxAge: number][],
) {
  const secure = request.nextUrl.protocol === 'https:'
  if (request.method !== 'GET') {
    for (const [name, value, maxAge] of cookies)
      response.cookies.set(name, value, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge,
      })
    return
  }
  const now = Date.now()
  const flags = `${secure ? '; Secure' : ''}; HttpOnly; SameSite=lax`
  for (const [name, value, maxAge] of cookies) {
    const expires = new Date(now + maxAge * 1000).toUTCString()
    response.headers.append(
      'set-cookie',
      `${name}=${encodeURIComponent(value)}; Path=/; Expires=${expires}; Max-Age=${maxAge}${flags}`,
    )
  }
}

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl
  if (request.headers.get(INTERNAL_HEADER) === internalToken) {
    const response = NextResponse.next()
    if (pathname.startsWith('/preview/'))
      response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
    return response
  }
  // Variant and preview pages are reached only through this proxy's rewrite, which Next does not
  // pass through the proxy again: a request that arrives here for one came from outside (e.g. a
  // path copied from the x-middleware-rewrite header) and would skip assignment and counting.
  if (pathname.startsWith('/preview/') || pathname.startsWith(VARIANT_PATH_PREFIX))
    return new NextResponse('Not found', { status: 404 })
  if (request.method === 'POST') {
    const refused = refuseFormPost(request.headers)
    if (refused) return NextResponse.json({ error: refused.error }, { status: refused.status })
  }
  const slug = slugFromPath(pathname)
  if (!slug) {
    // Not even a slug (`/Upper`, `/%00`…): the one not-a-page path, not a render per address.
    return isSingleSegment(pathname) && pathname !== NOT_A_PAGE_PATH
      ? NextResponse.rewrite(new URL(NOT_A_PAGE_PATH, request.url))
      : NextResponse.next()
  }

  const secret = getPayloadSecret()
  // Staff (a signed login cookie) and internal addresses are served as anyone is, not counted.
  const adminToken = request.cookies.get(ADMIN_TOKEN_COOKIE)?.value
  const staff = adminToken !== undefined && isSignedAdminToken(adminToken, secret)
  const { searchParams } = request.nextUrl
  if (staff && (searchParams.has('variant') || searchParams.get('draft') === '1')) {
    // Logged-in users preview any variant, or the latest drafts (the admin's live preview),
    // even of a page that was never published; the preview page checks the user itself. A
    // forged or expired token never reaches that dynamic render. Nothing is counted.
    const response = NextResponse.rewrite(new URL(`/preview/${slug}${search}`, request.url), {
      request: { headers: forwardedHeaders(request) },
    })
    response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
    return response
  }

  const snapshot = await currentSnapshot().catch(() => null)
  if (slug !== 'home' && snapshot?.pageSlugs && !snapshot.pageSlugs.has(slug))
    return NextResponse.rewrite(new URL(NOT_A_PAGE_PATH, request.url))
  const qa = searchParams.get(QA_PARAM)
  if (qa !== null) {
    // A shared QA link: signed by this server (checked here, no database) and not forged, so
    // the preview renders it (or says it expired); no cookie, no impression, not indexed.
    const check = readQaToken(secret, qa)
    if (check.ok || check.reason === 'expired') {
      const response = NextResponse.rewrite(new URL(`/preview/${slug}${search}`, request.url), {
        request: { headers: forwardedHeaders(request) },
      })
      response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
      response.headers.set('X-Robots-Tag', 'noindex, nofollow')
      return response
    }
  }
  const visitor = readVisitor(cookieStoreGetter(request.cookies), secret)
  if (snapshot?.consentRequired && !visitor.consented)
    return serveWithoutTracking(request, slug, snapshot)

  const { visitorId, created } = getOrCreateVisitorId(visitor.id)
  const internal =
    staff ||
    (snapshot?.internalRanges?.length
      ? internalAddressMatcher(snapshot.internalRanges)(clientAddress(request.headers))
      : false)
  const realView = !internal && isRealPageView(request)
  if (realView && visitor.sticky && snapshot?.goalPaths?.has(pathname)) {
    // A page that is an experiment's visit goal, seen by a visitor already in that experiment:
    // recorded for the experiment and the visitor's variant (counted once, after exposure).
    for (const experiment of snapshot.experiments) {
      const variant = visitor.sticky[experiment.id]
      if (variant && experiment.goalPaths?.includes(pathname)) {
        await logEvent({
          eventType: 'pageview',
          eventName: pathname,
          experiment: experiment.id,
          variant,
          visitorId,
        })
      }
    }
  }

  let target = pathname === '/' ? '/home' : pathname
  let assignedVariant: { experimentId: string; variantId: string } | null = null
  let stickyCookie: string | null = null

  // Read from the request only when needed (audience rules, a first exposure), at most once.
  let knownTraits: Traits | undefined
  const traits = () => (knownTraits ??= requestTraits(request, !created))
  try {
    // A new visitor's id was just made: it has no assignments yet.
    const sticky = created ? {} : visitor.sticky
    const assignment = snapshot
      ? assignFromSnapshot(snapshot, {
          pageSlug: slug,
          visitorId,
          now: new Date(),
          sticky,
          traits,
        })
      : null
    if (assignment) {
      assignedVariant = {
        experimentId: assignment.experiment.id,
        variantId: assignment.variantId,
      }
      target = variantPath(pathToken(), slug, assignment.experiment.id, assignment.variantId)
      if (assignment.fresh) {
        stickyCookie = encodeAssignments(
          { ...sticky, [assignment.experiment.id]: assignment.variantId },
          visitorId,
          secret,
        )
      }
      if (realView) {
        await logEvent({
          eventType: 'impression',
          page: assignment.experiment.pageId,
          experiment: assignment.experiment.id,
          variant: assignment.variantId,
          visitorId,
          allocationPeriod: assignment.experiment.allocationPeriod ?? 0,
          // The visitor's first exposure records their segment (device, source, new or
          // returning) once, for the Results tab's breakdowns; later views carry none.
          ...(assignment.fresh ? { metadata: { segment: segmentOf(traits()) } } : {}),
        })
      }
    }
  } catch (error) {
    // Assignment must never break a page: serve the page's own layout.
    console.error('[splitpage] assignment failed; serving the page layout:', error)
  }

  // Variant pages are static and read no request headers, so their rewrite forwards none; the
  // header copy is made only where a render or a second pass reads it.
  const response = target.startsWith(VARIANT_PATH_PREFIX)
    ? variantResponse(request, target)
    : target === pathname
      ? NextResponse.next(
          created ? { request: { headers: forwardedHeaders(request, visitorId) } } : undefined,
        )
      : NextResponse.rewrite(new URL(`${target}${search}`, request.url), {
          request: { headers: forwardedHeaders(request, created ? visitorId : null) },
        })
  const cookies: [string, string, number][] = []
  if (created) cookies.push([VISITOR_COOKIE, visitorId, VISITOR_COOKIE_MAX_AGE])
  // Lead forms refuse submissions made too soon after the page was seen (a spam signal).
  if (realView)
    cookies.push([
      PAGE_VIEW_COOKIE,
      encodePageView(Date.now(), visitorId, secret),
      PAGE_VIEW_MAX_AGE,
    ])
  if (stickyCookie) cookies.push([ASSIGNMENTS_COOKIE, stickyCookie, VISITOR_COOKIE_MAX_AGE])
  if (cookies.length) setCookies(request, response, cookies)
  if (assignedVariant) {
    // The page behind this response is shared and static; this answer is for one visitor only.
    response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
  }
  return response
}

/**
 * Request headers for a rewritten or rendered request: marked as already seen by the proxy and,
 * for a new visitor, carrying the new id so the first render sees it as if the browser sent it.
 */
function forwardedHeaders(request: NextRequest, newVisitorId: string | null = null) {
  const headers = new Headers(request.headers)
  headers.set(INTERNAL_HEADER, internalToken)
  if (newVisitorId) {
    const cookie = headers.get('cookie')
    headers.set('cookie', `${cookie ? `${cookie}; ` : ''}${VISITOR_COOKIE}=${newVisitorId}`)
  }
  return headers
}

/**
 * Consent mode before the visitor accepts: no cookie, nothing recorded, and the control of a
 * running experiment (the first variant) for everyone.
 */
function serveWithoutTracking(
  request: NextRequest,
  slug: string,
  snapshot: Awaited<ReturnType<typeof currentSnapshot>>,
) {
  const experiment = snapshot ? findServingExperiment(snapshot, slug, new Date()) : null
  const control = experiment?.variants[0]
  if (control) {
    const response = variantResponse(
      request,
      variantPath(pathToken(), slug, experiment.id, control.id),
    )
    response.headers.set('Cache-Control', PRIVATE_CACHE_CONTROL)
    return response
  }
  return request.nextUrl.pathname === '/'
    ? NextResponse.rewrite(new URL(`/home${request.nextUrl.search}`, request.url), {
        request: { headers: forwardedHeaders(request) },
      })
    : NextResponse.next()
}

export const config = {
  // Variant pages (/vr/…) are matched only to refuse direct requests: the proxy's own rewrite to
  // them is not passed through the proxy again. next.config.mjs marks their answers private.
  matcher: ['/((?!api|admin|_next|favicon.ico|robots.txt|sitemap.xml).*)'],
}
