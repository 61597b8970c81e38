import type { Payload, PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { resetRateLimits } from '@/lib/security/rateLimit'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
const EMAIL = 'owner@example.com'
const PASSWORD = 'owner-password-1'

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  await payload.create({
    collection: 'users',
    data: { email: EMAIL, password: PASSWORD, role: 'admin' },
  })
})
afterAll(async () => {
  delete process.env.TRUSTED_PROXY_HOPS
  await ctx?.cleanup()
})

/** A login as the REST endpoint makes it, from a client behind one trusted proxy. */
function login(email: string, password: string, forwardedFor?: string) {
  const headers = new Headers(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {})
  return payload.login({
    collection: 'users',
    data: { email, password },
    req: { headers } as Partial<PayloadRequest>,
  })
}
const outcome = (attempt: Promise<unknown>) =>
  attempt.then(
    () => 'ok',
    (error: Error & { status?: number }) => `${error.status ?? '?'} ${error.message}`,
  )

describe('logins', () => {
  it('take as long for an unknown email as for a wrong password (ratio of medians over 30 each)', async () => {
    await resetRateLimits()
    const timed = async (email: string) => {
      const started = performance.now()
      await outcome(login(email, 'wrong-password'))
      return performance.now() - started
    }
    const unknown: number[] = []
    const known: number[] = []
    // Interleaved, so machine noise falls on both alike.
    for (let i = 0; i < 30; i++) {
      unknown.push(await timed(`nobody-${i}@example.com`))
      known.push(await timed(EMAIL))
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[15]
    const ratio = median(unknown) / median(known)
    console.log(
      `[login] median ${median(unknown).toFixed(0)} ms for unknown emails, ${median(known).toFixed(0)} ms for a wrong password: ratio ${ratio.toFixed(2)}`,
    )
    expect(ratio).toBeGreaterThan(0.75)
    expect(ratio).toBeLessThan(1.33)
  }, 120_000)

  it('are limited per client address, never by locking the account', async () => {
    await resetRateLimits()
    process.env.TRUSTED_PROXY_HOPS = '1'
    try {
      for (let i = 0; i < 10; i++)
        expect(await outcome(login(EMAIL, 'wrong', '198.51.100.7'))).toMatch(/^401/)
      expect(await outcome(login(EMAIL, 'wrong', '198.51.100.7'))).toMatch(
        /^429 Too many login attempts/,
      )
      // A new address written by the client itself changes nothing: the proxy's entry counts.
      expect(await outcome(login(EMAIL, PASSWORD, '10.0.0.1, 198.51.100.7'))).toMatch(/^429/)
      // The owner, from their own address, still logs in: the account was never locked.
      expect(await outcome(login(EMAIL, PASSWORD, '203.0.113.50'))).toBe('ok')
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS
    }
  }, 60_000)
})
