import { loadAssignmentSnapshot } from './experiments/loadSnapshot'
import { currentSnapshot, setSnapshotLoader } from './experiments/snapshotStore'
import { getPayloadClient } from './payload'
import { flushAll, startEventFlusher } from './tracking/flush'
import { queueStats } from './tracking/queue'

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
  startEventFlusher(payload)
  flushOnShutdown(payload)
}

/** An in-memory buffer loses what it holds unless it is written before the process exits. */
function flushOnShutdown(payload: () => ReturnType<typeof getPayloadClient>) {
  const globalFlag = globalThis as typeof globalThis & { __splitpageShutdownHook?: boolean }
  if (globalFlag.__splitpageShutdownHook) return
  globalFlag.__splitpageShutdownHook = true
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, async () => {
      const { waiting } = queueStats()
      try {
        if (waiting > 0) await flushAll(await payload())
        console.log(`[splitpage] flushed ${waiting} queued events before exit`)
      } catch (error) {
        console.error('[splitpage] could not flush events before exit:', error)
      }
      process.exit(0)
    })
  }
}
