import { fileURLToPath } from 'node:url'

import { withPayload } from '@payloadcms/next/withPayload'

const isDev = process.env.NODE_ENV !== 'production'

// Static pages cannot carry per-request nonces, so inline scripts are allowed from this origin
// only; everything else is locked to the site itself. The admin keeps Payload's defaults.
const contentSecurityPolicy = (frameAncestors) =>
  [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${isDev ? ' ws:' : ''}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    `frame-ancestors ${frameAncestors}`,
  ].join('; ')

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The proxy sees the URL the server was reached at (http://127.0.0.1:<port>/… under
  // `next start -H 127.0.0.1`) instead of one rebuilt with "localhost". Otherwise every rewrite
  // to a variant page had another origin than the request and Next served it through an HTTP
  // proxy to itself: a second request per page view (found with a log in proxy-request.js).
  skipProxyUrlNormalize: true,
  cacheHandler: fileURLToPath(new URL('./cache-handler.cjs', import.meta.url)),
  images: {
    // Media is served by Payload from the same origin.
    localPatterns: [{ pathname: '/api/media/file/**' }],
  },
  async rewrites() {
    return {
      beforeFiles: ['/api/payload-migrations', '/api/payload-migrations/:path*'].map((source) => ({
        source,
        destination: '/api/not-found',
      })),
    }
  },
  async headers() {
    return [
      {
        // Per-variant pages are static and shared, but each answer is one visitor's variant: no
        // shared cache may keep it. (Set here, it survives; set in the proxy, Next replaced it
        // with the page's s-maxage.)
        source: '/vr/:path*',
        headers: [{ key: 'Cache-Control', value: 'private, no-store' }],
      },
      {
        source: '/((?!admin|api|_next).*)',
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy("'none'") },
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
          { key: 'X-Frame-Options', value: 'DENY' },
          { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
        ],
      },
      // The admin's live preview frames `/<slug>?draft=1` or `?variant=<id>` (the proxy sends a
      // signed-in user there to the preview render): such an answer to a request carrying the
      // login cookie may be framed by this origin (the last matching rule wins for a header both
      // set). Other sites still cannot frame it, and nothing else may be framed at all.
      ...['draft', 'variant'].map((parameter) => ({
        source: '/((?!admin|api|_next).*)',
        has: [
          { type: 'query', key: parameter },
          { type: 'cookie', key: 'payload-token' },
        ],
        headers: [
          { key: 'Content-Security-Policy', value: contentSecurityPolicy("'self'") },
          { key: 'X-Frame-Options', value: 'SAMEORIGIN' },
        ],
      })),
    ]
  },
}

/**
 * withPayload asks every browser for the colour-scheme client hint on every path (`Accept-CH`
 * and `Critical-CH` on `/:path*`), for the admin's theme. On a public page, Critical-CH makes
 * Chromium fetch a first visit twice (two round trips before the first paint, two impressions).
 * Those headers belong to the admin only.
 */
function clientHintsOnAdminOnly(config) {
  const headers = config.headers
  return {
    ...config,
    async headers() {
      return (await headers()).map((entry) =>
        entry.source === '/:path*' && entry.headers.some((h) => h.key === 'Critical-CH')
          ? { ...entry, source: '/admin/:path*' }
          : entry,
      )
    },
  }
}

export default clientHintsOnAdminOnly(withPayload(nextConfig, { devBundleServerPackages: false }))
