// `npm run rollups:rebuild [-- <experiment id> …]`: recount the result rollups from raw events
// (all experiments, or the ones named). Safe to run while the app serves; results read the
// rollups, which are briefly incomplete for the experiment being rebuilt.
import { runScript } from './lib.mjs'

await runScript('src/scripts/rebuildRollups.ts', {}, process.argv.slice(2))
