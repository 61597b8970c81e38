// `npm run rollups:rebuild [-- <experiment id> …]`: recount result rollups from raw events.
import config from '@payload-config'
import { getPayload } from 'payload'

import { rebuildRollups } from '@/lib/db/rebuildRollups'

const args = process.argv.slice(2).filter((arg) => arg.trim() !== '')
const includingPruned = args.includes('--including-pruned')
const ids = args.filter((arg) => !arg.startsWith('--'))
const payload = await getPayload({ config })
const started = Date.now()
let result: Awaited<ReturnType<typeof rebuildRollups>>
try {
  result = await rebuildRollups(payload, ids.length ? ids : undefined, { includingPruned })
} catch (error) {
  console.error((error as Error).message)
  process.exit(1)
}
const { experiments, events } = result
// console.log is synchronous: Payload's logger may not flush before process.exit.
console.log(
  `Rebuilt the rollups of ${experiments} experiment(s) from ${events} events in ${Date.now() - started} ms.`,
)
process.exit(0)
