const DEV_SECRET = 'splitpage-local-development-secret-not-for-production'

const isBuildPhase = () => process.env.NEXT_PHASE === 'phase-production-build'

/**
 * Payload's signing secret. Development gets a clearly-labelled local default; a production
 * server refuses to start without a real one (the build phase only needs a placeholder).
 */
export function getPayloadSecret(): string {
  const secret = process.env.PAYLOAD_SECRET
  if (secret) return secret
  if (process.env.NODE_ENV === 'production' && !isBuildPhase()) {
    throw new Error(
      'PAYLOAD_SECRET is not set. Production refuses to start without it: set it to a long random ' +
        'string, for example `PAYLOAD_SECRET=$(openssl rand -hex 32) npm start`.',
    )
  }
  return DEV_SECRET
}

export const DEFAULT_DATABASE_URI = 'file:./data/splitpage.db'

export function getDatabaseUri(): string {
  return process.env.DATABASE_URI || DEFAULT_DATABASE_URI
}

/**
 * Whether this instance writes the shared event stream to the database (EVENT_WRITER, default
 * on). With REDIS_URL, instances that serve pages can leave that work to others (set it to
 * `false` there and keep it on for at least one instance): a page instance then only appends each
 * event to the stream. Without Redis every instance writes its own events, whatever it says.
 */
export function writesSharedEvents(): boolean {
  return !switchedOff('EVENT_WRITER')
}

/** Whether an on-by-default setting is turned off (`false`, `off`, `0` or `no`). */
function switchedOff(name: string): boolean {
  return /^(false|off|0|no)$/i.test(process.env[name]?.trim() ?? '')
}

/** See heapGrowingPercent. */
export const DEFAULT_HEAP_GROWING_PERCENT = 50

/**
 * How far V8 lets the server's heap grow past what survived its last full collection, in percent
 * (HEAP_GROWING_PERCENT, default 50; 0 leaves it to V8). V8's own rule grows it by up to 4× on a
 * machine with plenty of memory, and nearly all of that is garbage: under the bench's load the
 * server held ~120 MB of live objects at a resident peak of ~630 MB. At 50 the peak was ~330 MB,
 * throughput unchanged within the bench's noise (README, Performance). A value that is not a whole
 * number from 0 to 400 is ignored with a warning.
 */
export function heapGrowingPercent(): number {
  const raw = process.env.HEAP_GROWING_PERCENT?.trim()
  if (!raw) return DEFAULT_HEAP_GROWING_PERCENT
  const percent = Number(raw)
  if (Number.isInteger(percent) && percent >= 0 && percent <= 400) return percent
  console.warn(
    `[splitpage] HEAP_GROWING_PERCENT=${raw} is not a whole number from 0 to 400: using ${DEFAULT_HEAP_GROWING_PERCENT}`,
  )
  return DEFAULT_HEAP_GROWING_PERCENT
}

/**
 * Whether the proxy answers visitors of a running experiment with the variant page's HTML kept
 * in memory (see lib/experiments/variantHtml) rather than a rewrite: VARIANT_HTML_CACHE, on by
 * default in production; `false` turns it off. Development renders on every request, so never.
 */
export function servesVariantHtmlFromMemory(): boolean {
  return process.env.NODE_ENV === 'production' && !switchedOff('VARIANT_HTML_CACHE')
}
