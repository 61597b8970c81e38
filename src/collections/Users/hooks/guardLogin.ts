import { pbkdf2, randomBytes } from 'node:crypto'

import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { clientAddress } from '@/lib/security/clientAddress'
import { addressLimit, consume } from '@/lib/security/rateLimit'

/** What Payload 3.90 spends on checking a password (pbkdf2-sha256-v1: 600 000 rounds, 32 bytes). */
const PASSWORD_HASH_ROUNDS = 600_000
const PASSWORD_HASH_BYTES = 32

const hashLikePayload = (password: string) =>
  new Promise<void>((resolve) =>
    pbkdf2(password, randomBytes(32), PASSWORD_HASH_ROUNDS, PASSWORD_HASH_BYTES, 'sha256', () =>
      resolve(),
    ),
  )

/**
 * Before every login: a limit per client address (10 a minute; see rateLimit for addresses),
 * instead of locking the account, which would let a stranger lock anyone out; and for an email
 * with no account, the same password hash a real check costs, so the answer's timing does not
 * tell which emails have accounts.
 */
export const guardLogin: CollectionBeforeOperationHook = async ({ args, operation, req }) => {
  if (operation !== 'login') return args
  const limited = await consume([addressLimit('login', clientAddress(req.headers))])
  if (limited) {
    throw new APIError(
      `Too many login attempts. Try again in ${limited.retryAfter} seconds.`,
      429,
      undefined,
      true,
    )
  }
  const data = (args as { data?: { email?: unknown; password?: unknown } }).data
  const email = typeof data?.email === 'string' ? data.email.toLowerCase().trim() : ''
  const { totalDocs } = await req.payload.count({
    collection: 'users',
    where: { email: { equals: email } },
    overrideAccess: true,
    req,
  })
  if (totalDocs === 0)
    await hashLikePayload(typeof data?.password === 'string' ? data.password : '')
  return args
}
