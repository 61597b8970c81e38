import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { sqliteHandle } from './handles'

/** The cheapest round trip to the database: `SELECT 1` on SQLite, `ping` on MongoDB. */
export function pingDatabase(payload: Payload): Promise<unknown> {
  return byAdapter(payload, {
    sqlite: () => sqliteHandle(payload).drizzle.all(sql`SELECT 1`),
    mongodb: () =>
      (
        payload.db as unknown as { connection: { db: { command(c: object): Promise<unknown> } } }
      ).connection.db.command({ ping: 1 }),
  })
}
