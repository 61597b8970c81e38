import { cacheTags } from '@/lib/content/tags'
import type { AssignmentSnapshot } from '@/lib/experiments/snapshot'
import { onInvalidation } from '@/lib/shared/invalidation'
import { processSingleton } from '@/lib/shared/processSingleton'

type Loader = () => Promise<AssignmentSnapshot>
type SnapshotStore = {
  snapshot: AssignmentSnapshot | null
  stale: boolean
  loading: Promise<AssignmentSnapshot | null> | null
  loader: Loader | null
  failedAt: number
}

// One per process: the proxy reads what server code (which has Payload) loads, and Payload
// hooks mark it stale when experiments change. The proxy never imports Payload.
const store = processSingleton<SnapshotStore>('assignmentSnapshot', () => ({
  snapshot: null,
  stale: true,
  loading: null,
  loader: null,
  failedAt: 0,
}))

/** Tags whose change alters which experiment serves which page. */
const ASSIGNMENT_TAGS: string[] = [cacheTags.experiments, cacheTags.pages, cacheTags.settings]

onInvalidation('assignmentSnapshot', (tags) => {
  if (tags.some((tag) => ASSIGNMENT_TAGS.includes(tag))) markSnapshotStale()
})

/** After a failed load, wait this long before trying again, so a database outage costs nothing. */
const RETRY_AFTER_FAILURE_MS = 2_000

/** A refresh also happens this often, for changes written by another server process. */
export const SNAPSHOT_MAX_AGE_MS = 30_000

export function setSnapshotLoader(loader: Loader) {
  store.loader = loader
}

export function hasSnapshotLoader() {
  return store.loader !== null
}

function refresh(): Promise<AssignmentSnapshot | null> {
  if (store.loading) return store.loading
  const loader = store.loader
  if (!loader) return Promise.resolve(store.snapshot)
  store.stale = false
  store.loading = loader()
    .then((snapshot) => {
      store.snapshot = snapshot
      store.failedAt = 0
      return snapshot
    })
    .catch((error) => {
      // Keep serving the last good configuration; with none, pages show their own layout.
      store.failedAt = Date.now()
      console.error('[splitpage] could not load experiment configuration:', error)
      return store.snapshot
    })
    .finally(() => {
      store.loading = null
    })
  return store.loading
}

/**
 * The current configuration. After a change in this process (marked stale) callers wait for the
 * reload, so the next visitor already sees the change; a merely old one is served at once while
 * a background refresh picks up changes written by other processes.
 */
export async function currentSnapshot(): Promise<AssignmentSnapshot | null> {
  const snapshot = store.snapshot
  if (store.failedAt && Date.now() - store.failedAt < RETRY_AFTER_FAILURE_MS) return snapshot
  if (!snapshot || store.stale) return refresh()
  if (Date.now() - snapshot.loadedAt > SNAPSHOT_MAX_AGE_MS) void refresh()
  return snapshot
}

/** Reloads now and resolves once the new configuration is in place (used after writes). */
export async function reloadSnapshot(): Promise<AssignmentSnapshot | null> {
  store.stale = true
  if (store.loading) await store.loading
  return refresh()
}

export function markSnapshotStale() {
  store.stale = true
  store.failedAt = 0
}
