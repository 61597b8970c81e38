/** The internal path of a statically generated variant page; only the proxy routes to it. */
export const VARIANT_PATH_PREFIX = '/vr/'

export function variantPath(pageSlug: string, experimentId: string, variantId: string) {
  return `${VARIANT_PATH_PREFIX}${pageSlug}/${encodeURIComponent(experimentId)}/${encodeURIComponent(variantId)}`
}

/** The page slug a public path addresses ("/" is the page "home"), or null for other paths. */
export function slugFromPath(pathname: string): string | null {
  if (pathname === '/') return 'home'
  const match = /^\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?$/.exec(pathname)
  return match ? match[1] : null
}
