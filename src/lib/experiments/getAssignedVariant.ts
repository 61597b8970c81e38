import type { Payload } from 'payload'

import type { Page, Variant } from '../../payload-types'
import type { LayoutBlock } from '../../blocks/RenderBlocks'
import { memo } from '../cache/memo'
import { cacheTags } from '../cache/tags'
import { layoutFor } from './layoutFor'
import { registerSnapshotLoader } from './loadSnapshot'
import { assignFromSnapshot, type ExperimentConfig } from './snapshot'
import { currentSnapshot, hasSnapshotLoader } from './snapshotStore'
import type { StickyAssignments } from './sticky'

/** Content changes expire these by tag; the limit covers writes from other processes. */
const CONTENT_TTL_MS = 60_000

export type AssignedVariant = {
  page: Page
  experiment: ExperimentConfig | null
  variant: Variant | null
  /** The blocks to render: the variant's own, or the page's when the variant's is empty. */
  layout: LayoutBlock[]
  /** True when this visit made the choice (not read from the visitor's sticky assignments). */
  fresh: boolean
}

export function getPageCached(payload: Payload, slug: string): Promise<Page | null> {
  return memo(
    `page:${slug}`,
    [cacheTags.pages, cacheTags.page(slug), cacheTags.media],
    CONTENT_TTL_MS,
    async () => {
      const { docs } = await payload.find({
        collection: 'pages',
        where: { slug: { equals: slug } },
        depth: 1,
        limit: 1,
        pagination: false,
      })
      return docs[0] ?? null
    },
  )
}

export function getVariantCached(payload: Payload, id: string): Promise<Variant | null> {
  return memo(`variant:${id}`, [cacheTags.variant(id), cacheTags.media], CONTENT_TTL_MS, () =>
    payload.findByID({ collection: 'variants', id, depth: 1, disableErrors: true }),
  )
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
  if (!hasSnapshotLoader()) registerSnapshotLoader(payload)
  const [page, snapshot] = await Promise.all([
    getPageCached(payload, input.pageSlug),
    currentSnapshot(),
  ])
  if (!page) return null
  const assignment = snapshot
    ? assignFromSnapshot(snapshot, { ...input, now: input.now ?? new Date() })
    : null
  if (!assignment)
    return { page, experiment: null, variant: null, layout: page.layout, fresh: false }
  const variant = await getVariantCached(payload, assignment.variantId)
  return {
    page,
    experiment: assignment.experiment,
    variant,
    layout: layoutFor(page, variant),
    fresh: assignment.fresh,
  }
}
