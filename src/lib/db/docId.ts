import 'server-only'

import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'

/**
 * Turns an id kept as a string (assignment snapshots, cookies) back into the adapter's id type:
 * numbers on SQLite, strings (ObjectIds) on MongoDB.
 */
export function asDocId(payload: Payload, id: string): number | string {
  return byAdapter<number | string>(payload, { sqlite: () => Number(id), mongodb: () => id })
}

/** Whether a string has the shape of an id on this adapter (checked before any query). */
export function isDocIdFormat(payload: Payload, value: string): boolean {
  return byAdapter(payload, {
    sqlite: () => /^\d{1,15}$/.test(value),
    mongodb: () => /^[a-f0-9]{24}$/.test(value),
  })
}
