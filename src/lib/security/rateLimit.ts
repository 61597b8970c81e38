import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible'

import { processSingleton } from '@/lib/shared/processSingleton'
import { redis } from '@/lib/shared/redis'

const limiters = processSingleton('rateLimiters', () => ({}) as Record<string, RateLimiterAbstract>)

/**
 * Budgets per window (rate-limiter-flexible). With REDIS_URL the counters live in Redis, so the
 * budget holds across every instance; while Redis is unreachable each instance falls back to
 * its own in-memory limiter with the same budget (the insurance limiter), so during an outage
 * N instances admit at most N × the budget, and never fail a request for it.
 */
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
  return (limiters[name] ??= createLimiter(name))
}

function createLimiter(name: LimitName): RateLimiterAbstract {
  const options = { keyPrefix: `splitpage:rl:${name}`, ...LIMITS[name] }
  const memory = new RateLimiterMemory(options)
  const client = redis()
  if (!client) return memory
  return new RateLimiterRedis({
    ...options,
    storeClient: client,
    rejectIfRedisNotReady: true,
    insuranceLimiter: memory,
  })
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

/** The per-address limit for a client, or the shared one when its address is unknown. */
export function addressLimit(
  kind: 'lead' | 'track' | 'login',
  address: string | null,
): [LimitName, string] {
  return address ? [`${kind}:ip`, address] : [`${kind}:anyAddress`, 'all']
}

/** For tests: forget every counter (in Redis too, for the limits this process used). */
export async function resetRateLimits() {
  const client = redis()
  for (const name of Object.keys(limiters)) {
    delete limiters[name]
    if (client) {
      const keys = await client.keys(`splitpage:rl:${name}:*`)
      if (keys.length) await client.del(...keys)
    }
  }
}
