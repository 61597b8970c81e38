import { createHash, createHmac, timingSafeEqual } from 'node:crypto'

/** Payload's login cookie. */
export const ADMIN_TOKEN_COOKIE = 'payload-token'

const keyFor = (() => {
  let cached: { secret: string; key: Buffer } | null = null
  return (secret: string) => {
    // Payload signs its JWTs (HS256) with the first 32 hex characters of sha256(PAYLOAD_SECRET).
    if (cached?.secret !== secret) {
      const derived = createHash('sha256').update(secret).digest('hex').slice(0, 32)
      cached = { secret, key: Buffer.from(derived) }
    }
    return cached.key
  }
})()

/**
 * Whether a cookie holds a login token Payload signed and that has not expired: a cheap check
 * (one HMAC, no database) that lets the proxy send only real sessions down the dynamic preview
 * path. The preview page still asks Payload who the user is.
 */
export function isSignedAdminToken(
  token: string | undefined,
  secret: string,
  now = Date.now(),
): boolean {
  if (!token || token.length > 4096) return false
  const parts = token.split('.')
  if (parts.length !== 3) return false
  const [header, body, signature] = parts
  const expected = createHmac('sha256', keyFor(secret)).update(`${header}.${body}`).digest()
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false
  try {
    const { alg } = JSON.parse(Buffer.from(header, 'base64url').toString('utf8'))
    const { exp } = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
    return alg === 'HS256' && typeof exp === 'number' && exp * 1000 > now
  } catch {
    return false
  }
}
