import type { Experiment } from '@/payload-types'
import { idOf } from '@/lib/ids'

/**
 * Allocation periods: the traffic split in force from a moment on. A visitor is compared with the
 * split under which they were first assigned (the period the proxy stamps on the impression), so
 * a split change neither raises a false sample-ratio mismatch nor hides a real one. (A "phase" is
 * something else: a results period the marketer starts.)
 */
export type AllocationPeriod = { startedAt: string; split: string }

/** The split of variant rows as stored on a period: "variantId:weight, …". */
export const splitOf = (rows: Experiment['variants']) =>
  (rows ?? []).map((row) => `${idOf(row.variant)}:${row.trafficPercentage}`).join(', ')

/** Weights of a stored split for the given variant ids, in their order (0 for an absent one). */
export function weightsOf(split: string, variantIds: string[]): number[] {
  const weights = new Map(
    split
      .split(',')
      .map((part) => part.trim().split(':'))
      .filter((pair) => pair.length === 2)
      .map(([id, weight]) => [id, Number(weight)] as const),
  )
  return variantIds.map((id) => {
    const weight = weights.get(id)
    return weight !== undefined && Number.isFinite(weight) ? weight : 0
  })
}

type ExperimentState = { status?: string | null; variants?: Experiment['variants'] }

/**
 * The periods after a save: the first when the experiment starts running, a new one whenever
 * the split of an experiment that has started differs from the last period's. An experiment that
 * was running before periods were recorded gets its first period from its previous split (from
 * its start), so its earlier visitors are compared with the split they were assigned under.
 */
export function nextAllocationPeriods(
  recorded: AllocationPeriod[],
  before: (ExperimentState & { startedAt: string }) | null,
  after: ExperimentState,
  at: string,
): AllocationPeriod[] {
  let periods = recorded
  if (periods.length === 0 && before && before.status !== 'draft' && before.variants?.length) {
    periods = [{ startedAt: before.startedAt, split: splitOf(before.variants) }]
  }
  const split = splitOf(after.variants)
  const last = periods.at(-1)
  if (!last) return after.status === 'running' ? [{ startedAt: at, split }] : periods
  return last.split === split ? periods : [...periods, { startedAt: at, split }]
}

/** The index of the current period (what the proxy stamps on a new visitor's impression). */
export const currentAllocationPeriod = (periods: readonly unknown[] | null | undefined) =>
  Math.max(0, (periods?.length ?? 0) - 1)

/** Set in `req.context` by the traffic optimiser, so its split changes say who made them. */
export const OPTIMISER_CONTEXT = 'splitpageOptimiser'
