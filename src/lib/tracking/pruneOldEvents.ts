import 'server-only'

import { pruneEventsBefore } from '@/lib/db/pruneEvents'

export const DEFAULT_EVENT_RETENTION_DAYS = 400

/**
 * Deletes raw events past the retention set in Site settings (default 400 days) and records the
 * cutoff, which `npm run rollups:rebuild` then respects. Results come from the rollups.
 */
export async function pruneOldEvents(
  payload: Parameters<typeof pruneEventsBefore>[0],
  now = new Date(),
): Promise<number> {
  const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
  const days = Number(settings.eventRetentionDays ?? DEFAULT_EVENT_RETENTION_DAYS)
  if (!(days > 0)) return 0
  const cutoff = new Date(now.getTime() - days * 86_400_000)
  const deleted = await pruneEventsBefore(payload, cutoff)
  const before = settings.eventsPrunedBefore ? Date.parse(settings.eventsPrunedBefore) : 0
  if (deleted > 0 && cutoff.getTime() > before) {
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { eventsPrunedBefore: cutoff.toISOString() },
      context: { disableRevalidate: true },
    })
  }
  return deleted
}
