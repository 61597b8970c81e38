import type { Endpoint } from 'payload'

/**
 * Accounts are created by admins, without email verification; Payload's own verify route then
 * failed with a 500 for any token. This answers it plainly instead.
 */
export const verifyNotUsedEndpoint: Endpoint = {
  path: '/verify/:token',
  method: 'post',
  handler: () =>
    Response.json({ error: 'Email verification is not used on this site.' }, { status: 404 }),
}
