import 'server-only'

import { processSingleton } from '@/lib/shared/processSingleton'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'

const limiters = processSingleton('rateLimiters', () => ({}) as Record<string, RateLimiterMemory>)

/** Per-process limits (rate-limiter-flexible); several servers would share a Redis limiter. */
const LIMITS = {
  'track:visitor': { points: 120, duration: 60 },
  'track:ip': { points: 1200, duration: 60 },
  'lead:visitor': { points: 5, duration: 60 },
  'lead:ip': { points: 30, duration: 60 },
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

/** The client's address as the nearest proxy reports it. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim()
  return forwarded || headers.get('x-real-ip') || 'unknown'
}

/** For tests: forget every counter. */
export function resetRateLimits() {
  for (const key of Object.keys(limiters)) delete limiters[key]
}
