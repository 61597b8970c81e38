import { SignJWT } from 'jose'
import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'

import { isSignedAdminToken } from '@/lib/security/adminToken'

const SECRET = 'unit-test-secret'

/** A token as Payload signs it (payload/dist/auth/jwt.js: HS256, key from sha256 of the secret). */
async function payloadToken(secret: string, expiresInSeconds: number, alg = 'HS256') {
  const key = new TextEncoder().encode(
    createHash('sha256').update(secret).digest('hex').slice(0, 32),
  )
  const now = Math.floor(Date.now() / 1000)
  return new SignJWT({ id: 1, collection: 'users', email: 'a@example.com' })
    .setProtectedHeader({ alg, typ: 'JWT' })
    .setIssuedAt(now)
    .setExpirationTime(now + expiresInSeconds)
    .sign(key)
}

describe('isSignedAdminToken', () => {
  it('accepts a token signed with the server secret that has not expired', async () => {
    expect(isSignedAdminToken(await payloadToken(SECRET, 3600), SECRET)).toBe(true)
  })

  it('refuses an expired token, another secret, a tampered body and junk', async () => {
    const expired = await payloadToken(SECRET, -10)
    const foreign = await payloadToken('another-secret', 3600)
    const valid = await payloadToken(SECRET, 3600)
    const [header, , signature] = valid.split('.')
    const forgedBody = Buffer.from(JSON.stringify({ id: 2, exp: 9_999_999_999 })).toString(
      'base64url',
    )
    for (const token of [
      expired,
      foreign,
      `${header}.${forgedBody}.${signature}`,
      'junk',
      'a.b.c',
      '',
      undefined,
      `${valid}x`,
      'x'.repeat(5000),
    ]) {
      expect(isSignedAdminToken(token, SECRET)).toBe(false)
    }
  })
})
