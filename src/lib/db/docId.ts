import type { Payload } from 'payload'

/**
 * Turns an id kept as a string (assignment snapshots, cookies) back into the adapter's id type:
 * numbers on SQLite, strings (ObjectIds) on MongoDB.
 */
export function asDocId(payload: Payload, id: string): number | string {
  return payload.db.defaultIDType === 'number' ? Number(id) : id
}
