// `npm run rollups:rebuild [-- <experiment id> …]`: recount result rollups from raw events.
import config from '@payload-config'
import { getPayload } from 'payload'

import { rebuildRollups } from '@/lib/db/rebuildRollups'

const ids = process.argv.slice(2).filter((arg) => arg.trim() !== '')
const payload = await getPayload({ config })
const started = Date.now()
const { experiments, events } = await rebuildRollups(payload, ids.length ? ids : undefined)
// console.log is synchronous: Payload's logger may not flush before process.exit.
console.log(
  `Rebuilt the rollups of ${experiments} experiment(s) from ${events} events in ${Date.now() - started} ms.`,
)
process.exit(0)
