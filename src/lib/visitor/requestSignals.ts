import { isbot } from 'isbot'

/**
 * Whether a page request is a real view worth an impression: not a bot (isbot's maintained
 * pattern list), not a browser or Next.js prefetch, not a HEAD request. Next strips its own
 * router headers (`RSC`, `Next-Router-Prefetch`) before the proxy runs, so the router's fetches
 * and prefetches (of every page a `<Link>` points to) are told apart by the browser's Fetch
 * Metadata: only a document (`Sec-Fetch-Dest: document`) is a view. Browsers without Fetch
 * Metadata (Safari before 16.4) send no such header and are judged by the rest.
 */
export function isRealPageView(input: { method: string; headers: Headers }): boolean {
  const { method, headers } = input
  if (method !== 'GET') return false
  if (isbot(headers.get('user-agent') ?? '')) return false
  if (headers.has('next-router-prefetch')) return false
  const destination = headers.get('sec-fetch-dest')
  if (destination !== null && destination !== 'document') return false
  const purpose =
    `${headers.get('purpose') ?? ''} ${headers.get('sec-purpose') ?? ''}`.toLowerCase()
  return !purpose.includes('prefetch') && !purpose.includes('prerender')
}
