import { onInvalidation } from '@/lib/shared/invalidation'
import { processSingleton } from '@/lib/shared/processSingleton'

type Entry = {
  value: Promise<unknown>
  tags: string[]
  expiresAt: number
  /** The last value that loaded, served while a reload fails (the database is away). */
  lastGood?: { value: unknown }
}

const store = processSingleton('contentMemo', () => ({ entries: new Map<string, Entry>() }))

onInvalidation('contentMemo', (tags) => {
  for (const [key, entry] of store.entries) {
    if (entry.tags.some((tag) => tags.includes(tag))) store.entries.delete(key)
  }
})

/** After a failed reload, the last good value is served this long before trying again. */
const RETRY_AFTER_FAILURE_MS = 1_000

/**
 * In-process cache for values read from Payload, expired by the same tags as Next's cache, with
 * a time limit as a safety net for writes made by another process. A failure is never stored:
 * the next call tries again, and while reloads fail the last good value (if any) is served, so
 * a database stall does not turn into errors for readers that were already warm. An expiry by
 * tag (a change made here) drops the last good value too: it is known to be wrong.
 */
export function memo<T>(
  key: string,
  tags: string[],
  ttlMs: number,
  load: () => Promise<T>,
): Promise<T> {
  const hit = store.entries.get(key)
  if (hit && hit.expiresAt > Date.now()) return hit.value as Promise<T>
  const lastGood = hit?.lastGood
  const entry: Entry = { value: Promise.resolve(), tags, expiresAt: Date.now() + ttlMs, lastGood }
  entry.value = load().then(
    (value) => {
      entry.lastGood = { value }
      return value
    },
    (error) => {
      if (store.entries.get(key) !== entry) throw error
      if (!lastGood) {
        store.entries.delete(key)
        throw error
      }
      entry.value = Promise.resolve(lastGood.value)
      entry.expiresAt = Date.now() + RETRY_AFTER_FAILURE_MS
      return lastGood.value
    },
  )
  store.entries.set(key, entry)
  return entry.value as Promise<T>
}
