import type { Payload } from 'payload'

import { cacheTags } from '@/lib/content/tags'
import { onInvalidation } from '@/lib/shared/invalidation'
import { processSingleton } from '@/lib/shared/processSingleton'

import { isTimeZone } from './events'

const RELOAD_AFTER_MS = 60_000
/** The longest an event write waits for the zone (only before it was ever loaded, or just changed). */
const WAIT_AT_MOST_MS = 2_000

const state = processSingleton('siteTimeZone', () => ({
  zone: 'UTC',
  loadedAt: 0,
  loading: null as Promise<void> | null,
}))

onInvalidation('siteTimeZone', (tags) => {
  if (tags.includes(cacheTags.settings)) state.loadedAt = 0
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * The site's time zone for days (Site settings; UTC by default). Event writes take their day
 * from it, so it must never hold them up: the known zone is used while a reload runs in the
 * background, and a write waits for a reload (at most 2 s) only when the zone was never loaded
 * or the settings just changed. A failed read keeps the known zone. (Found in the cluster
 * suite: with the database down, an event batch that waited on the settings read never
 * finished, and the instance's stream consumer stopped.)
 */
export async function siteTimeZone(payload: Payload): Promise<string> {
  const stale = Date.now() - state.loadedAt > RELOAD_AFTER_MS
  if (stale && !state.loading) {
    state.loading = payload
      .findGlobal({ slug: 'site-settings', depth: 0 })
      .then((settings) => {
        const zone = (settings as { timeZone?: string | null }).timeZone ?? 'UTC'
        state.zone = isTimeZone(zone) ? zone : 'UTC'
        state.loadedAt = Date.now()
      })
      .catch(() => {
        // Keep the known zone; try again in 5 s, without making writes wait meanwhile.
        state.loadedAt = Date.now() - RELOAD_AFTER_MS + 5_000
      })
      .finally(() => {
        state.loading = null
      })
  }
  if (state.loadedAt === 0 && state.loading)
    await Promise.race([state.loading, sleep(WAIT_AT_MOST_MS)])
  return state.zone
}
