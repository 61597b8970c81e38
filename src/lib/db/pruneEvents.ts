import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { mongoModels, sqliteHandle } from './handles'

/**
 * Deletes raw events older than `cutoff` in one statement. The result rollups (daily counts and
 * first exposures) are separate collections and stay as they are, so results do not change.
 * Returns how many events were deleted.
 */
export function pruneEventsBefore(payload: Payload, cutoff: Date): Promise<number> {
  return byAdapter(payload, {
    sqlite: async () => {
      const result = (await sqliteHandle(payload).drizzle.run(
        sql`DELETE FROM analytics_events WHERE timestamp < ${cutoff.toISOString()}`,
      )) as { rowsAffected?: number }
      return Number(result.rowsAffected ?? 0)
    },
    mongodb: async () => {
      const result = (await mongoModels(payload)['analytics-events'].deleteMany({
        timestamp: { $lt: cutoff },
      })) as { deletedCount?: number }
      return Number(result.deletedCount ?? 0)
    },
  })
}
