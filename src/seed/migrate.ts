// Run by `npm run migrate` / `npm run dev` / `npm run seed`: applies committed migrations.
import config from '@payload-config'
import { getPayload } from 'payload'

const payload = await getPayload({ config })
// In production getPayload has already applied them (prodMigrations); this is then a no-op.
await payload.db.migrate()
await payload.destroy()
console.log('Migrations are up to date.')
process.exit(0)
