// Run by `npm run seed` / `npm run dev` through `payload run`, which provides the config.
import config from '@payload-config'
import { getPayload } from 'payload'

import { seed } from '@/seed'

const payload = await getPayload({ config })
const result = await seed(payload)
// console.log is synchronous: Payload's logger may not flush before process.exit.
if (result.seeded) {
  console.log(
    `Seeded demo content. Log in at /admin with ${result.admin.email} / ${result.admin.password} ` +
      '(local demo credentials; set SEED_ADMIN_EMAIL / SEED_ADMIN_PASSWORD to choose others).',
  )
} else {
  console.log('The database already has content; seeding skipped.')
}
process.exit(0)
