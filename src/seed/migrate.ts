// Run by `npm run migrate` / `npm run dev` / `npm run seed`: applies the committed migrations.
import config from '@payload-config'
import { getPayload } from 'payload'

import { migrations } from '@/migrations'

const payload = await getPayload({ config })
// The committed migrations are SQLite's; MongoDB needs none (collections and indexes are
// created by the adapter).
if (payload.db.defaultIDType === 'number') {
  // Handing over the bundled list avoids loading .ts migration files at run time. In production
  // getPayload has already applied them (prodMigrations), so this is then a no-op.
  await payload.db.migrate({ migrations: migrations as never })
}
await payload.destroy()
console.log('Migrations are up to date.')
process.exit(0)
