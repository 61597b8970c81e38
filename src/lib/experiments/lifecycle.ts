import { APIError, type Payload, type PayloadRequest } from 'payload'

import type { Experiment, Variant } from '@/payload-types'
import { idOf, withoutIds } from '@/lib/ids'

export type LifecycleAction = 'start' | 'pause' | 'complete'

const STATUS: Record<LifecycleAction, Experiment['status']> = {
  start: 'running',
  pause: 'paused',
  complete: 'completed',
}

function requireUser(req: Partial<PayloadRequest>) {
  if (!req.user) throw new APIError('Log in to change experiments.', 401, undefined, true)
}

/**
 * Start, pause or complete an experiment as the logged-in user (the experiment rules still
 * apply: starting checks the split and the one-running-experiment-per-page rule). Completing
 * names the winning variant.
 */
export async function changeExperimentStatus(
  payload: Payload,
  id: Experiment['id'] | string,
  action: LifecycleAction,
  req: Partial<PayloadRequest>,
  winner?: string | null,
): Promise<Experiment> {
  requireUser(req)
  if (!(action in STATUS))
    throw new APIError('Unknown action; use start, pause or complete.', 400, undefined, true)
  const experiment = await payload.findByID({
    collection: 'experiments',
    id,
    depth: 0,
    req,
    overrideAccess: false,
  })
  const data: Partial<Experiment> = { status: STATUS[action] }
  if (action === 'complete') {
    const row = experiment.variants?.find((entry) => idOf(entry.variant) === String(winner))
    if (!row) {
      throw new APIError(
        'Choose the winning variant, one of this experiment’s variants.',
        400,
        undefined,
        true,
      )
    }
    data.winner = row.variant as Experiment['winner']
  }
  if (action === 'start' && !experiment.startDate) data.startDate = new Date().toISOString()
  return payload.update({ collection: 'experiments', id, data, req, overrideAccess: false })
}

/**
 * Copies a completed experiment's winning variant into its page. Pages keep versions, so the
 * previous layout stays one "restore" away in the admin.
 */
export async function promoteWinner(
  payload: Payload,
  id: Experiment['id'] | string,
  req: Partial<PayloadRequest>,
) {
  requireUser(req)
  const experiment = await payload.findByID({
    collection: 'experiments',
    id,
    depth: 0,
    req,
    overrideAccess: false,
  })
  if (experiment.status !== 'completed' || !experiment.winner) {
    throw new APIError('Complete the experiment and choose its winner first.', 400, undefined, true)
  }
  const winner = (await payload.findByID({
    collection: 'variants',
    id: idOf(experiment.winner),
    depth: 0,
    req,
    overrideAccess: false,
  })) as Variant
  if (!winner.layout || winner.layout.length === 0) {
    throw new APIError(
      'The winner is the page’s own layout already; nothing to copy.',
      400,
      undefined,
      true,
    )
  }
  const page = await payload.update({
    collection: 'pages',
    id: idOf(experiment.page),
    data: { layout: withoutIds(winner.layout) as never },
    req,
    overrideAccess: false,
  })
  // Kept on the experiment, so its Results tab shows it was promoted, and when.
  await payload.update({
    collection: 'experiments',
    id: experiment.id,
    data: {
      changeLog: [
        ...(experiment.changeLog ?? []),
        {
          at: new Date().toISOString(),
          kind: 'status',
          note: `${PROMOTED_NOTE} “${winner.name}” into the page “${page.title}”`,
        },
      ],
    },
    req,
    overrideAccess: false,
  })
  return page
}

/** How a promotion starts in the change log (the Results tab reads it back). */
export const PROMOTED_NOTE = 'Promoted the winner'
