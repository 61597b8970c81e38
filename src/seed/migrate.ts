// Run by `npm run migrate` / `npm run dev` / `npm run seed`: applies the committed migrations.
import config from '@payload-config'
import { getPayload } from 'payload'

import { migrations } from '@/migrations'
import { mongoMigrations } from '@/migrations-mongodb'

const payload = await getPayload({ config })
// Each adapter has its own set (MongoDB's holds data changes only: the adapter creates
// collections and indexes). Handing over the bundled list avoids loading .ts migration files at
// run time. In production getPayload has already applied them (prodMigrations): then a no-op.
await payload.db.migrate({
  migrations: (payload.db.defaultIDType === 'number' ? migrations : mongoMigrations) as never,
})
await payload.destroy()
console.log('Migrations are up to date.')
process.exit(0)
