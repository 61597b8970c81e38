import type { Payload } from 'payload'

import type { AssignmentSnapshot, ExperimentConfig, ExperimentStatus } from './snapshot'
import { setSnapshotLoader } from './snapshotStore'
import { idOf } from '../ids'

/** Reads the running experiments (and the pages they run on) into an assignment snapshot. */
export async function loadAssignmentSnapshot(payload: Payload): Promise<AssignmentSnapshot> {
  const { docs } = await payload.find({
    collection: 'experiments',
    where: { status: { equals: 'running' } },
    depth: 0,
    limit: 1000,
    pagination: false,
  })
  const pageIds = [...new Set(docs.map((doc) => idOf(doc.page)))]
  const pages = pageIds.length
    ? await payload.find({
        collection: 'pages',
        where: { id: { in: pageIds } },
        depth: 0,
        limit: pageIds.length,
        pagination: false,
        select: { slug: true },
      })
    : { docs: [] }
  const slugs = new Map(pages.docs.map((page) => [String(page.id), page.slug]))

  const experiments: ExperimentConfig[] = docs.flatMap((doc) => {
    const pageSlug = slugs.get(idOf(doc.page))
    if (!pageSlug) return []
    return [
      {
        id: String(doc.id),
        name: doc.name,
        seed: doc.hashSeed || String(doc.id),
        pageId: idOf(doc.page),
        pageSlug,
        status: doc.status as ExperimentStatus,
        startDate: doc.startDate ?? null,
        endDate: doc.endDate ?? null,
        variants: (doc.variants ?? []).map((row) => ({
          id: idOf(row.variant),
          trafficPercentage: row.trafficPercentage,
        })),
      },
    ]
  })
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  return { experiments, consentRequired: Boolean(settings.consentMode), loadedAt: Date.now() }
}

/** Lets the shared snapshot store (read by the proxy) load through this Payload instance. */
export function registerSnapshotLoader(payload: Payload) {
  setSnapshotLoader(() => loadAssignmentSnapshot(payload))
}
