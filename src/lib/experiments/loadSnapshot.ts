import 'server-only'

import type { Payload } from 'payload'

import { currentAllocationPeriod } from '@/lib/experiments/allocationPeriods'
import { audienceOf } from '@/lib/experiments/audienceOf'
import { goalSignature } from '@/lib/experiments/goals'
import type {
  AssignmentSnapshot,
  ExperimentConfig,
  ExperimentStatus,
} from '@/lib/experiments/snapshot'
import { hasSnapshotLoader, setSnapshotLoader } from '@/lib/experiments/snapshotStore'
import { idOf } from '@/lib/ids'
import { publishedWhere } from '@/lib/content/published'
import { internalRangesOf } from '@/lib/security/internalTraffic'

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
        allocation: doc.trafficAllocation ?? 100,
        allocationPeriod: currentAllocationPeriod(doc.allocationPeriods),
        audience: audienceOf(doc),
        goalPaths: (doc.goals ?? []).flatMap((goal) => {
          const signature = goalSignature(goal)
          return signature?.startsWith('pageview:') ? [signature.slice('pageview:'.length)] : []
        }),
      },
    ]
  })
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  // Every published page's slug, so the proxy can answer unknown paths without rendering each
  // one (a draft-only page is unknown to visitors; staff previews skip this check).
  const allPages = await payload.find({
    collection: 'pages',
    where: publishedWhere,
    depth: 0,
    limit: 0,
    pagination: false,
    select: { slug: true },
  })
  return {
    experiments,
    goalPaths: new Set(experiments.flatMap((experiment) => experiment.goalPaths ?? [])),
    consentRequired: Boolean(settings.consentMode),
    pageSlugs: new Set(allPages.docs.map((page) => page.slug)),
    internalRanges: internalRangesOf(settings.internalIpRanges),
    loadedAt: Date.now(),
  }
}

/**
 * Connects the assignment snapshot (read by the proxy, which never imports Payload) to a Payload
 * instance, once per process: the server runtime does it at start with its lazily started
 * Payload; code that runs without it (scripts, tests) connects the Payload it holds.
 */
export function ensureSnapshotLoader(getPayload: () => Promise<Payload>) {
  if (!hasSnapshotLoader())
    setSnapshotLoader(async () => loadAssignmentSnapshot(await getPayload()))
}
