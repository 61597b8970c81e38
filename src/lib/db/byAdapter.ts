import type { Payload } from 'payload'

export type DatabaseKind = 'sqlite' | 'mongodb'

/** Which adapter a DATABASE_URI selects; anything else is refused with a clear message. */
export function databaseKind(uri: string): DatabaseKind {
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) return 'mongodb'
  if (uri.startsWith('file:')) return 'sqlite'
  throw new Error(
    `DATABASE_URI must start with file: (embedded SQLite) or mongodb:// / mongodb+srv:// (MongoDB); got "${uri.split(':')[0]}:…"`,
  )
}

/** The adapter a running Payload uses (its ids are numbers on SQLite, ObjectIds on MongoDB). */
export function adapterKind(payload: Payload): DatabaseKind {
  return payload.db.defaultIDType === 'number' ? 'sqlite' : 'mongodb'
}

/**
 * The one switch between the two databases, as Umami's `runQuery` does: each raw query names
 * its SQLite (Drizzle) and MongoDB implementation, and this picks one for the running adapter.
 */
export function byAdapter<T>(
  payload: Payload,
  implementations: { sqlite: () => T; mongodb: () => T },
): T {
  return implementations[adapterKind(payload)]()
}
