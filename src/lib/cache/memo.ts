type Entry = { value: Promise<unknown>; tags: string[]; expiresAt: number }
type MemoStore = { entries: Map<string, Entry> }

// On globalThis so every bundle of this process (proxy, routes, Payload hooks) shares one store.
const globalStore = globalThis as typeof globalThis & { __splitpageMemo?: MemoStore }
const store = (globalStore.__splitpageMemo ??= { entries: new Map() })

/**
 * In-process cache for values read from Payload, expired by the same tags as Next's cache, with
 * a time limit as a safety net for writes made by another process.
 */
export function memo<T>(
  key: string,
  tags: string[],
  ttlMs: number,
  load: () => Promise<T>,
): Promise<T> {
  const hit = store.entries.get(key)
  if (hit && hit.expiresAt > Date.now()) return hit.value as Promise<T>
  const value = load()
  store.entries.set(key, { value, tags, expiresAt: Date.now() + ttlMs })
  // A failed load is not remembered, so the next call tries again.
  value.catch(() => {
    if (store.entries.get(key)?.value === value) store.entries.delete(key)
  })
  return value
}

export function invalidateMemo(tag: string) {
  for (const [key, entry] of store.entries) {
    if (entry.tags.includes(tag)) store.entries.delete(key)
  }
}
