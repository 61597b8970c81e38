import type { Payload } from 'payload'

import { memo } from '@/lib/content/memo'
import { cacheTags } from '@/lib/content/tags'

import { isTimeZone } from './events'

/**
 * The site's time zone for days (Site settings; UTC by default), read once a minute at most and
 * at once after the settings change. Rollups and raw events take their day from it.
 */
export async function siteTimeZone(payload: Payload): Promise<string> {
  const zone = await memo('site-time-zone', [cacheTags.settings], 60_000, async () => {
    const settings = await payload.findGlobal({ slug: 'site-settings', depth: 0 })
    return (settings as { timeZone?: string | null }).timeZone ?? 'UTC'
  })
  return isTimeZone(zone) ? zone : 'UTC'
}
