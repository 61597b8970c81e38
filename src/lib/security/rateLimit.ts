import { processSingleton } from '@/lib/shared/processSingleton'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

const limiters = processSingleton('rateLimiters', () => ({}) as Record<string, RateLimiterMemory>)

/** Per-process limits (rate-limiter-flexible); several servers would share a Redis limiter. */
const LIMITS = {
  'track:visitor': { points: 120, duration: 60 },
  'track:ip': { points: 1200, duration: 60 },
  'lead:visitor': { points: 5, duration: 60 },
  'lead:ip': { points: 30, duration: 60 },
  'login:ip': { points: 10, duration: 60 },
  // Without a trustworthy client address (no trusted proxy in front), one budget for everyone.
  'track:anyAddress': { points: 60_000, duration: 60 },
  'lead:anyAddress': { points: 600, duration: 60 },
  'login:anyAddress': { points: 120, duration: 60 },
} as const

export type LimitName = keyof typeof LIMITS

function limiter(name: LimitName) {
  return (limiters[name] ??= new RateLimiterMemory({ keyPrefix: name, ...LIMITS[name] }))
}

/** Spends one point for each key; resolves to the seconds to wait when any is exhausted. */
export async function consume(
  checks: [LimitName, string][],
): Promise<{ retryAfter: number } | null> {
  for (const [name, key] of checks) {
    try {
      await limiter(name).consume(key)
    } catch (error) {
      if (error instanceof RateLimiterRes)
        return { retryAfter: Math.ceil(error.msBeforeNext / 1000) }
      throw error
    }
  }
  return null
}

/**
 * How many proxies in front of the app append to `X-Forwarded-For` (`TRUSTED_PROXY_HOPS`,
 * default 0). Next exposes no socket address, so only entries written by those proxies are
 * trustworthy; anything to their left was written by the client.
 */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0)
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 10) : 0
}

/**
 * The client's address as the nearest trusted proxy saw it: the entry the outermost trusted
 * proxy appended (the N-th from the right for N trusted hops), never what the client wrote.
 * Null when no proxy is trusted or the chain is shorter than the trusted hops.
 */
export function clientAddress(headers: Headers, hops = trustedProxyHops()): string | null {
  if (hops === 0) return null
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const address = chain[chain.length - hops]
  return address && address.length <= 64 ? address : null
}

/** The per-address limit for a client, or the shared one when its address is unknown. */
export function addressLimit(
  kind: 'lead' | 'track' | 'login',
  address: string | null,
): [LimitName, string] {
  return address ? [`${kind}:ip`, address] : [`${kind}:anyAddress`, 'all']
}

/** For tests: forget every counter. */
export function resetRateLimits() {
  for (const key of Object.keys(limiters)) delete limiters[key]
}
