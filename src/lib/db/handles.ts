import 'server-only'

import type { Payload } from 'payload'

/**
 * The raw database handles behind Payload's adapters, typed as far as this app uses them. Only
 * src/lib/db reaches for these (bulk inserts, rollups, aggregations); everything else goes
 * through the Local API.
 */
export type SqliteHandle = {
  drizzle: {
    all<T>(query: unknown): Promise<T[]>
    run(query: unknown): Promise<unknown>
  }
  tables: Record<string, unknown>
}

type ObjectIdClass = { new (id: string): unknown; isValid(id: string): boolean }

export type MongoModel = {
  collection: {
    aggregate<T>(
      pipeline: object[],
      options?: object,
    ): AsyncIterable<T> & { toArray(): Promise<T[]> }
  }
  base: { Types: { ObjectId: ObjectIdClass } }
  find(filter: object, projection?: object): { lean(): Promise<{ visitorId: string }[]> }
  insertMany(docs: object[], options?: object): Promise<unknown>
  bulkWrite(ops: object[], options?: object): Promise<unknown>
  findOneAndUpdate(
    filter: object,
    update: object,
    options?: object,
  ): Promise<{ exposedDay?: string } | null>
  deleteMany(filter: object): Promise<unknown>
}

export const sqliteHandle = (payload: Payload) => payload.db as unknown as SqliteHandle

/** A value bound to a raw SQLite statement. */
export type SqliteValue = string | number | null

/**
 * The embedded libsql client itself (guarded, see sqliteConnectionGuard), for the few hot
 * statements written out by hand: those on every page view's path.
 */
export type SqliteClient = {
  execute(statement: { sql: string; args: SqliteValue[] }): Promise<{
    rows: Record<string, unknown>[]
    rowsAffected: number
  }>
}
export const sqliteClient = (payload: Payload) =>
  (payload.db as unknown as { client: SqliteClient }).client

/** Mongoose models by collection slug. */
export const mongoModels = (payload: Payload) =>
  (payload.db as unknown as { collections: Record<string, MongoModel> }).collections

/** The libsql client and Payload's Drizzle database over it, for the SQLite event writes. */
export const sqliteDb = (payload: Payload) => ({
  client: sqliteClient(payload),
  drizzle: sqliteHandle(payload).drizzle,
})
