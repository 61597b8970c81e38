import { loadAssignmentSnapshot } from './experiments/loadSnapshot'
import { currentSnapshot, setSnapshotLoader } from './experiments/snapshotStore'
import { getPayloadClient } from './payload'

/**
 * Connects the proxy's in-process stores to Payload. Payload starts lazily and a failed start is
 * retried later: a database that is down at boot must not stop the server from serving pages.
 */
export async function startServerRuntime() {
  let payloadPromise: ReturnType<typeof getPayloadClient> | null = null
  const payload = () =>
    (payloadPromise ??= getPayloadClient().catch((error) => {
      payloadPromise = null
      throw error
    }))
  setSnapshotLoader(async () => loadAssignmentSnapshot(await payload()))
  // Warm the configuration so the first visitor does not wait for it.
  void currentSnapshot()
}
