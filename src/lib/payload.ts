import 'server-only'

import config from '@payload-config'
import { getPayload, type Payload } from 'payload'

import { withLock } from '@/lib/shared/locks'

let first: Promise<Payload> | null = null

/**
 * The one Payload instance of this process (getPayload caches it), with its job crons running
 * (Payload starts them only when asked; `shouldAutoRun` in the config decides each tick whether
 * this instance runs due jobs). The first connection applies
 * pending migrations; instances starting together take turns through a Redis lock, so they run
 * once. A failed start is not kept: the next call tries again.
 */
export function getPayloadClient(): Promise<Payload> {
  if (!first) {
    first = withLock('startup', () => getPayload({ config, cron: true })).catch((error) => {
      first = null
      throw error
    })
    return first
  }
  return first.then(() => getPayload({ config, cron: true }))
}
