import { createHmac } from 'node:crypto'

/**
 * The internal path of a statically generated variant page, which only the proxy routes to.
 * It carries a token derived from the server secret, so it cannot be guessed; the page itself
 * also refuses variants that are not part of a running experiment.
 */
export const VARIANT_PATH_PREFIX = '/vr/'

export function variantPathToken(secret: string): string {
  return createHmac('sha256', secret)
    .update('splitpage-variant-path')
    .digest('base64url')
    .slice(0, 16)
}

/**
 * The variant page's path: one segment after the prefix (`/vr/<token>~<slug>~<experiment>~
 * <variant>`), not four. Every page view is rewritten here, and Next's per-request work grows
 * with the route's dynamic segments (matching, the page's segment tree, a larger document: the
 * four-segment route's was ~2 KB, 10%, larger than the same content's at `/<slug>`). `~` is in
 * no token (base64url), slug ([a-z0-9-]) or document id, and URLs never escape it.
 */
export function variantPath(
  token: string,
  pageSlug: string,
  experimentId: string,
  variantId: string,
) {
  return `${VARIANT_PATH_PREFIX}${[token, pageSlug, experimentId, variantId].map(encodeURIComponent).join(VARIANT_KEY_SEPARATOR)}`
}

const VARIANT_KEY_SEPARATOR = '~'

/** The parts of a variant path's segment (as Next hands it to the page: decoded), or null. */
export function parseVariantKey(
  key: string,
): { token: string; slug: string; experimentId: string; variantId: string } | null {
  const parts = key.split(VARIANT_KEY_SEPARATOR)
  if (parts.length !== 4 || parts.some((part) => part === '')) return null
  const [token, slug, experimentId, variantId] = parts
  return { token, slug, experimentId, variantId }
}

/** The page slug a public path addresses ("/" is the page "home"), or null for other paths. */
export function slugFromPath(pathname: string): string | null {
  if (pathname === '/') return 'home'
  const match = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(pathname)
  return match ? match[1] : null
}

/**
 * Where the proxy sends every path that is no page: one fixed path (never a valid slug), so the
 * 404 it renders is one page, not one per random address.
 */
export const NOT_A_PAGE_PATH = '/_not-a-page'

/**
 * A single path segment that the `[slug]` route would try to render (`/x`); names with a dot
 * are left alone, as files in `public/` would be.
 */
export const isSingleSegment = (pathname: string) => /^\/[^/.]+\/?$/.test(pathname)
