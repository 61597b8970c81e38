import { isbot } from 'isbot'

/**
 * Whether a page request is a real view worth an impression: not a bot (isbot's maintained
 * pattern list), not a browser or Next.js prefetch, not a HEAD request.
 */
export function isRealPageView(input: { method: string; headers: Headers }): boolean {
  const { method, headers } = input
  if (method !== 'GET') return false
  if (isbot(headers.get('user-agent') ?? '')) return false
  if (headers.has('next-router-prefetch')) return false
  const purpose =
    `${headers.get('purpose') ?? ''} ${headers.get('sec-purpose') ?? ''}`.toLowerCase()
  return !purpose.includes('prefetch') && !purpose.includes('prerender')
}
