import type { Payload } from 'payload'

import { adapterKind } from '@/lib/db/byAdapter'

/**
 * Accounts from before roles existed become admins, as they could do everything then. SQLite
 * does this in its migration (this runs before migrations there, so it leaves SQLite alone);
 * MongoDB has no migration set, so this runs at start-up: one query that changes nothing once
 * every account has a role.
 */
export async function ensureUserRoles(payload: Payload) {
  if (adapterKind(payload) !== 'mongodb') return
  try {
    await payload.update({
      collection: 'users',
      where: { role: { exists: false } },
      data: { role: 'admin' },
      overrideAccess: true,
    })
  } catch (error) {
    console.error('[splitpage] could not give existing users a role:', error)
  }
}
