/**
 * The variant pages' prerendered HTML, kept in the process so that the proxy answers a visitor
 * with it directly instead of rewriting the request to the variant's path. Next's handling of a
 * rewrite (route resolution, the page cache look-up, its render pipeline for a cached page) cost
 * the page thread more than everything the experiment itself does; answered from here, an
 * experiment page costs less than a static one (README, Performance).
 *
 * Each copy comes from Next itself: the proxy asks its own server for the variant's path (marked
 * internal, so it is not counted) and keeps the answer only when Next served it fresh from its
 * page cache or rendered it just now. So what a visitor gets is byte for byte what the rewrite
 * would have served. A copy is dropped on any content change (the invalidation channel, which
 * other instances also hear), is not refilled for a quiet moment after one (another instance's
 * page cache may hear of it a little later) and lives at most `ttlMs` in any case.
 */

/** A variant page as the proxy answers with it. */
export type CachedPage = { body: Uint8Array<ArrayBuffer>; headers: [string, string][] }

/** What a fill reads of Next's answer. */
export type LoadedPage = {
  status: number
  headers: Headers
  body(): Promise<ArrayBuffer>
}

type Options = {
  /** Asks the server for a variant path (internal request); rejects when it cannot. */
  load(path: string): Promise<LoadedPage>
  now?: () => number
  /** Copies kept at most (the oldest goes first). */
  maxEntries?: number
  /** The longest a copy is served. */
  ttlMs?: number
  /** After a content change, no copy is served or filled for this long. */
  quietMs?: number
  /** After a fill that failed or was not kept, the next one for that path waits this long. */
  retryMs?: number
}

/** Headers of Next's answer that belong to that one transfer, not to the page. */
const TRANSFER_HEADERS = new Set([
  'connection',
  'content-encoding',
  'content-length',
  'date',
  'keep-alive',
  'set-cookie',
  'transfer-encoding',
])

/**
 * Whether Next's answer is a page to keep: 200, HTML, and from its page cache fresh (HIT) or
 * rendered now (MISS). STALE (an expired copy served while Next renders a new one in the
 * background) or no cache header at all (rendered per request) is never kept.
 */
export function isKeepable(status: number, headers: Headers): boolean {
  const cache = headers.get('x-nextjs-cache')
  return (
    status === 200 &&
    (cache === 'HIT' || cache === 'MISS') &&
    (headers.get('content-type') ?? '').startsWith('text/html')
  )
}

export function variantHtmlCache({
  load,
  now = Date.now,
  maxEntries = 500,
  ttlMs = 30_000,
  quietMs = 2_000,
  retryMs = 1_000,
}: Options) {
  const entries = new Map<string, CachedPage & { storedAt: number }>()
  const filling = new Set<string>()
  const retryAt = new Map<string, number>()
  let generation = 0
  let changedAt = Number.NEGATIVE_INFINITY

  async function fill(path: string) {
    const started = generation
    filling.add(path)
    let kept = false
    try {
      const answer = await load(path)
      if (!isKeepable(answer.status, answer.headers)) return
      const body = new Uint8Array(await answer.body())
      // A change while this was on its way: the answer may predate it.
      if (started !== generation) return
      const headers: [string, string][] = []
      answer.headers.forEach((value, name) => {
        if (!TRANSFER_HEADERS.has(name) && !name.startsWith('x-middleware-'))
          headers.push([name, value])
      })
      headers.push(['content-length', String(body.byteLength)])
      entries.delete(path)
      entries.set(path, { body, headers, storedAt: now() })
      while (entries.size > maxEntries) entries.delete(entries.keys().next().value!)
      kept = true
    } catch {
      // The server could not answer itself: the proxy keeps rewriting, as without this cache.
    } finally {
      filling.delete(path)
      if (kept) retryAt.delete(path)
      else {
        if (retryAt.size >= maxEntries) retryAt.clear()
        retryAt.set(path, now() + retryMs)
      }
    }
  }

  return {
    /**
     * The copy to answer with, or null (the proxy rewrites as before); a missing or expired copy
     * is filled in the background, one request per path at a time.
     */
    get(path: string): CachedPage | null {
      const at = now()
      if (at - changedAt < quietMs) return null
      const entry = entries.get(path)
      if (entry && at - entry.storedAt < ttlMs) return entry
      if (!filling.has(path) && (retryAt.get(path) ?? 0) <= at) void fill(path)
      return null
    },
    /** Content changed: every copy goes, and fills under way are not kept. */
    invalidate() {
      generation++
      changedAt = now()
      entries.clear()
      retryAt.clear()
    },
    size: () => entries.size,
  }
}
