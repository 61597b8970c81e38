// `npm run cluster`: three instances of the production build behind nginx on one port, sharing a
// Redis (started here unless REDIS_URL is set) and a MongoDB-wire database (a FerretDB started
// here unless DATABASE_URI is set). Builds first when there is no build. Ctrl-C stops it all.
import fs from 'node:fs'

import { startCluster } from './cluster-lib.mjs'
import { baseEnv, run } from './lib.mjs'

if (!fs.existsSync('.next/BUILD_ID')) {
  await run('node', ['node_modules/next/dist/bin/next', 'build'], {
    ...baseEnv,
    NODE_ENV: 'production',
  })
}
const cluster = await startCluster()
console.log(
  `\nSplitpage cluster on ${cluster.url} (admin at ${cluster.url}/admin). ` +
    `Instances: ${cluster.instances.map((node) => node.url).join(', ')}. Logs in ${cluster.dir}. Ctrl-C stops.`,
)
let stopping = false
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (stopping) return
    stopping = true
    console.log('\n[cluster] stopping…')
    await cluster.stop()
    process.exit(0)
  })
}
