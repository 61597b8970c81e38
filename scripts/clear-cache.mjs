// `npm run cache:clear`: forget pages and data Next rendered from the previous database.
import { clearRuntimeCache } from './lib.mjs'

clearRuntimeCache()
console.log('Cleared .next/cache/fetch-cache, .next/server/route-cache and .next/cache/instances.')
