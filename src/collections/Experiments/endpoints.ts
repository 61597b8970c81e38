import type { Endpoint } from 'payload'

import {
  changeExperimentStatus,
  promoteWinner,
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
