import { APIError, type Payload, type PayloadRequest } from 'payload'

import type { Experiment, Variant } from '@/payload-types'
import { logExperimentChange } from '@/lib/experiments/changeLog'
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
 * "Run again": a new results phase of the same test. The experiment (running, paused or
 * completed) is completed if it was not, and its next phase starts as a new running experiment
 * with the same page, variants, split and settings, fresh results, `phase` + 1 and a link to the
 * previous phase (whose results stay as they were, viewable). Visitors are re-randomised with a
 * new hash seed unless `keepAssignments` (then the same seed puts each visitor in the same
 * bucket, so the same variant while the split is unchanged).
 */
export async function runAgain(
  payload: Payload,
  id: Experiment['id'] | string,
  req: Partial<PayloadRequest>,
  { keepAssignments = false }: { keepAssignments?: boolean } = {},
): Promise<Experiment> {
  requireUser(req)
  const experiment = await payload.findByID({
    collection: 'experiments',
    id,
    depth: 0,
    req,
    overrideAccess: false,
  })
  if (experiment.status === 'draft') {
    throw new APIError('This experiment has not run yet: start it instead.', 400, undefined, true)
  }
  if (experiment.status !== 'completed') {
    await payload.update({
      collection: 'experiments',
      id,
      data: { status: 'completed' },
      req,
      overrideAccess: false,
    })
  }
  return payload.create({
    collection: 'experiments',
    data: {
      name: experiment.name,
      page: experiment.page,
      hypothesis: experiment.hypothesis,
      variants: (experiment.variants ?? []).map((row) => ({
        variant: row.variant,
        trafficPercentage: row.trafficPercentage,
      })),
      trafficAllocation: experiment.trafficAllocation,
      audience: experiment.audience
        ? {
            match: experiment.audience.match,
            rules: (experiment.audience.rules ?? []).map(({ id: _id, ...rule }) => rule),
          }
        : undefined,
      sequentialTesting: experiment.sequentialTesting,
      minimumDetectableEffect: experiment.minimumDetectableEffect,
      baselineConversionRate: experiment.baselineConversionRate,
      minimumVisitorsPerArm: experiment.minimumVisitorsPerArm,
      minimumConversions: experiment.minimumConversions,
      optimise: experiment.optimise,
      banditFloorPercent: experiment.banditFloorPercent,
      banditBurnInVisitors: experiment.banditBurnInVisitors,
      status: 'running',
      startDate: new Date().toISOString(),
      phase: (experiment.phase ?? 1) + 1,
      previousPhase: experiment.id,
      ...(keepAssignments && experiment.hashSeed ? { hashSeed: experiment.hashSeed } : {}),
    },
    depth: 0,
    req,
    overrideAccess: false,
  })
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
    // Published at once: the winner's layout is what visitors saw. (Payload starts an update
    // from the page's latest version, so a pending draft's other edits are published with it.)
    data: { layout: withoutIds(winner.layout) as never, _status: 'published' },
    req,
    overrideAccess: false,
  })
  // Kept on the experiment, so its Results tab shows it was promoted, and when.
  await logExperimentChange(
    payload,
    experiment,
    { kind: 'status', note: `${PROMOTED_NOTE} “${winner.name}” into the page “${page.title}”` },
    req,
    false,
  )
  return page
}

/** How a promotion starts in the change log (the Results tab reads it back). */
export const PROMOTED_NOTE = 'Promoted the winner'
