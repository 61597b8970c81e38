import 'server-only'

import { unstable_cache } from 'next/cache'
import type { Payload } from 'payload'

import type { Experiment, Page, SiteSetting, Variant } from '@/payload-types'
import { memo } from '@/lib/content/memo'
import { cacheTags } from '@/lib/content/tags'
import { publishedWhere } from '@/lib/content/published'

/** Safety net for writes made by another process (changes made here expire tags at once). */
const RENDER_REVALIDATE_SECONDS = 300
const REQUEST_TTL_MS = 60_000

type ReadSpec<A extends string[], T> = {
  name: string
  tags: (...args: A) => string[]
  load: (payload: Payload, ...args: A) => Promise<T>
}

/**
 * The app's Payload, loaded on first render: importing the config at module load would fix the
 * database before scripts and tests have chosen theirs.
 */
const renderPayload = async () => (await import('@/lib/payload')).getPayloadClient()

/**
 * Every cached read of content is defined once, here, and served by one of two caches, both
 * expired by the same cache tags (Payload hooks → content/revalidate):
 *
 * | caller | read with | cache |
 * | --- | --- | --- |
 * | public page renders (`app/(frontend)`: `[slug]`, `vr/…`, layout) | `forRender(…)` | Next's data cache (`unstable_cache`), so the static page is tagged and re-rendered when a tag is revalidated |
 * | request handlers holding a Payload (lead action, tracking route, preview, tests) | `forRequest(payload, …)` | the in-process memo (content/memo), which also serves the last good value while the database stalls |
 * | the proxy's variant assignment | — | the assignment snapshot (experiments/snapshotStore), reloaded on the same tags |
 *
 * Neither cache stores a failure.
 */
function defineRead<A extends string[], T>(spec: ReadSpec<A, T>) {
  return {
    forRender: (...args: A): Promise<T> =>
      unstable_cache(async () => spec.load(await renderPayload(), ...args), [spec.name, ...args], {
        tags: spec.tags(...args),
        revalidate: RENDER_REVALIDATE_SECONDS,
      })(),
    forRequest: (payload: Payload, ...args: A): Promise<T> =>
      memo(`${spec.name}:${args.join('|')}`, spec.tags(...args), REQUEST_TTL_MS, () =>
        spec.load(payload, ...args),
      ),
  }
}

export const pageBySlug = defineRead({
  name: 'page-by-slug',
  tags: (slug: string) => [cacheTags.pages, cacheTags.page(slug), cacheTags.media],
  load: async (payload, slug): Promise<Page | null> => {
    const { docs } = await payload.find({
      collection: 'pages',
      // Visitors get published pages only (a draft-only page is not found).
      where: { and: [{ slug: { equals: slug } }, publishedWhere] },
      depth: 1,
      limit: 1,
      pagination: false,
    })
    return docs[0] ?? null
  },
})

/**
 * A variant as last published. Experiments start only with published variants, and a variant
 * they serve cannot be unpublished, so no status filter here.
 */
export const variantById = defineRead({
  name: 'variant-by-id',
  tags: (id: string) => [cacheTags.variants, cacheTags.variant(id), cacheTags.media],
  load: (payload, id): Promise<Variant | null> =>
    payload.findByID({ collection: 'variants', id, depth: 1, disableErrors: true }),
})

export const experimentById = defineRead({
  name: 'experiment-by-id',
  tags: (_id: string) => [cacheTags.experiments],
  load: (payload, id): Promise<Experiment | null> =>
    payload.findByID({ collection: 'experiments', id, depth: 0, disableErrors: true }),
})

export const siteSettings = defineRead({
  name: 'site-settings',
  tags: () => [cacheTags.settings],
  load: (payload): Promise<SiteSetting> => payload.findGlobal({ slug: 'site-settings', depth: 0 }),
})
