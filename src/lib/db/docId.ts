import type { Payload } from 'payload'

/**
 * Turns an id kept as a string (assignment snapshots, cookies) back into the adapter's id type:
 * numbers on SQLite, strings (ObjectIds) on MongoDB.
 */
export function asDocId(payload: Payload, id: string): number | string {
  return payload.db.defaultIDType === 'number' ? Number(id) : id
}

/** Whether a string has the shape of an id on this adapter (checked before any query). */
export function isDocIdFormat(payload: Payload, value: string): boolean {
  return payload.db.defaultIDType === 'number'
    ? /^\d{1,15}$/.test(value)
    : /^[a-f0-9]{24}$/.test(value)
}
