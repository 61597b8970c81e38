export type DatabaseKind = 'sqlite' | 'mongodb'

/** Which adapter a DATABASE_URI selects; anything else is refused with a clear message. */
export function databaseKind(uri: string): DatabaseKind {
  if (uri.startsWith('mongodb://') || uri.startsWith('mongodb+srv://')) return 'mongodb'
  if (uri.startsWith('file:')) return 'sqlite'
  throw new Error(
    `DATABASE_URI must start with file: (embedded SQLite) or mongodb:// / mongodb+srv:// (MongoDB); got "${uri.split(':')[0]}:…"`,
  )
}
