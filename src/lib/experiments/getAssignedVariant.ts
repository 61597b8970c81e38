import 'server-only'

import type { Payload } from 'payload'

import type { Page, Variant } from '@/payload-types'
import { layoutFor, type LayoutBlock } from '@/lib/content/layout'
import { pageBySlug, variantById } from '@/lib/content/readers'
import { ensureSnapshotLoader } from '@/lib/experiments/loadSnapshot'
import { assignFromSnapshot, type ExperimentConfig } from '@/lib/experiments/snapshot'
import { currentSnapshot } from '@/lib/experiments/snapshotStore'
import type { StickyAssignments } from '@/lib/visitor/sticky'

export type AssignedVariant = {
  page: Page
  experiment: ExperimentConfig | null
  variant: Variant | null
  /** The blocks to render: the variant's own, or the page's when the variant's is empty. */
  layout: LayoutBlock[]
  /** True when this visit made the choice (not read from the visitor's sticky assignments). */
  fresh: boolean
}

/**
 * Which page, experiment and variant a visitor gets for a slug: experiment lookup (running and
 * within its dates), deterministic bucketing or the visitor's sticky assignment, and page
 * resolution. Configuration and content are cached in process, so a warm call adds no query.
 */
export async function getAssignedVariant(
  payload: Payload,
  input: { pageSlug: string; visitorId: string; now?: Date; sticky?: StickyAssignments },
): Promise<AssignedVariant | null> {
  ensureSnapshotLoader(async () => payload)
  const [page, snapshot] = await Promise.all([
    pageBySlug.forRequest(payload, input.pageSlug),
    currentSnapshot(),
  ])
  if (!page) return null
  const assignment = snapshot
    ? assignFromSnapshot(snapshot, { ...input, now: input.now ?? new Date() })
    : null
  if (!assignment)
    return { page, experiment: null, variant: null, layout: page.layout, fresh: false }
  const variant = await variantById.forRequest(payload, assignment.variantId)
  return {
    page,
    experiment: assignment.experiment,
    variant,
    layout: layoutFor(page, variant),
    fresh: assignment.fresh,
  }
}
