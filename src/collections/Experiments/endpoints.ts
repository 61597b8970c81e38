import { nanoid } from 'nanoid'
import type { Endpoint, PayloadRequest } from 'payload'

import { canEditContent } from '@/access/roles'
import { getPayloadSecret } from '@/lib/env'
import {
  QA_LINK_DEFAULT_DAYS,
  QA_LINK_MAX_DAYS,
  QA_PARAM,
  qaKeyOf,
  signQaToken,
} from '@/lib/experiments/qaLinks'
import { idOf } from '@/lib/ids'

import {
  changeExperimentStatus,
  promoteWinner,
  runAgain,
  type LifecycleAction,
} from '@/lib/experiments/lifecycle'

const answer = async (work: () => Promise<unknown>) => {
  try {
    return Response.json({ doc: await work() })
  } catch (error) {
    const status = (error as { status?: number }).status ?? 500
    const message = status < 500 ? (error as Error).message : 'Something went wrong.'
    const details = (error as { data?: { errors?: { message: string }[] } }).data?.errors
    return Response.json({ error: details?.map((d) => d.message).join(' ') || message }, { status })
  }
}

/** POST /api/experiments/:id/lifecycle { action: start | pause | complete, winner? } */
export const lifecycleEndpoint: Endpoint = {
  path: '/:id/lifecycle',
  method: 'post',
  handler: async (req) => {
    const body = (await req.json?.().catch(() => ({}))) ?? {}
    return answer(() =>
      changeExperimentStatus(
        req.payload,
        String(req.routeParams?.id),
        body.action as LifecycleAction,
        req,
        body.winner ?? null,
      ),
    )
  },
}

/** POST /api/experiments/:id/promote: copy the winner's layout into the page (a new version). */
export const promoteEndpoint: Endpoint = {
  path: '/:id/promote',
  method: 'post',
  handler: async (req) =>
    answer(() => promoteWinner(req.payload, String(req.routeParams?.id), req)),
}

/** The experiment a QA-link request is about, for a user who may edit experiments. */
async function experimentForQa(req: PayloadRequest) {
  if (!req.user) throw Object.assign(new Error('Log in to share QA links.'), { status: 401 })
  if (!canEditContent({ req } as never))
    throw Object.assign(new Error('Only admins and marketers can share QA links.'), { status: 403 })
  const experiment = await req.payload.findByID({
    collection: 'experiments',
    id: String(req.routeParams?.id),
    depth: 1,
    disableErrors: true,
    // The link key is not readable over the API; this server-side read needs it.
    overrideAccess: true,
  })
  if (!experiment) throw Object.assign(new Error('No such experiment.'), { status: 404 })
  return experiment
}

/**
 * POST /api/experiments/:id/qa-links { days? }: one link per variant that shows that variant to
 * whoever opens it, without logging in, for `days` (default 7, at most 90), never counted.
 */
export const qaLinksEndpoint: Endpoint = {
  path: '/:id/qa-links',
  method: 'post',
  handler: async (req) =>
    answer(async () => {
      const experiment = await experimentForQa(req)
      const body = (await req.json?.().catch(() => ({}))) ?? {}
      const days = Math.min(
        QA_LINK_MAX_DAYS,
        Math.max(1, Math.floor(Number(body.days) || QA_LINK_DEFAULT_DAYS)),
      )
      const expiresAt = Math.floor(Date.now() / 1000) + days * 86_400
      const slug = typeof experiment.page === 'object' ? experiment.page?.slug : null
      if (!slug) throw Object.assign(new Error('The experiment has no page.'), { status: 400 })
      const path = slug === 'home' ? '/' : `/${slug}`
      const secret = getPayloadSecret()
      return {
        expiresAt: new Date(expiresAt * 1000).toISOString(),
        links: (experiment.variants ?? []).map((row) => {
          const variantId = idOf(row.variant)
          const token = signQaToken(secret, {
            experimentId: String(experiment.id),
            variantId,
            expiresAt,
            key: qaKeyOf(experiment),
          })
          return {
            variantId,
            name: typeof row.variant === 'object' ? row.variant.name : `Variant ${variantId}`,
            url: `${path}?${QA_PARAM}=${encodeURIComponent(token)}`,
          }
        }),
      }
    }),
}

/** POST /api/experiments/:id/qa-links/revoke: every QA link of the experiment stops working. */
export const revokeQaLinksEndpoint: Endpoint = {
  path: '/:id/qa-links/revoke',
  method: 'post',
  handler: async (req) =>
    answer(async () => {
      const experiment = await experimentForQa(req)
      await req.payload.update({
        collection: 'experiments',
        id: experiment.id,
        data: { qaLinkKey: nanoid(16) },
        depth: 0,
        overrideAccess: true,
      })
      return { revoked: true }
    }),
}

/**
 * POST /api/experiments/:id/run-again { keepAssignments? }: the next results phase, as a new
 * running experiment (answered as `doc`); this one is completed and keeps its results.
 */
export const runAgainEndpoint: Endpoint = {
  path: '/:id/run-again',
  method: 'post',
  handler: async (req) => {
    const body = (await req.json?.().catch(() => ({}))) ?? {}
    return answer(() =>
      runAgain(req.payload, String(req.routeParams?.id), req, {
        keepAssignments: body.keepAssignments === true,
      }),
    )
  },
}
