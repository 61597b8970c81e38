import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { startFerretDB } from '../../scripts/cluster-lib.mjs'

/**
 * A FerretDB of the test's own (its own port, data and state folders, no debug listener), so a
 * fault test can kill it with SIGKILL and start it again on the same data without touching the
 * FerretDB the rest of the suite uses. The same server `npm run cluster` starts.
 */
export async function startOwnFerretDB(port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'splitpage-ferret-fault-'))
  const ferret = await startFerretDB({ port, dir })
  const kill = () => ferret.stop('SIGKILL')
  return {
    uri: `mongodb://127.0.0.1:${port}/`,
    /** `kill -9`: nothing is flushed or closed. */
    kill,
    start: ferret.start,
    stop: async () => {
      await kill()
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}
