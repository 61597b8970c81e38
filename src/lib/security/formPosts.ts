/** Next's own limit on a server action's body (serverActions.bodySizeLimit). */
export const MAX_FORM_POST_BYTES = 1024 * 1024

/**
 * Pages accept POST only for server actions (the lead form, with or without JavaScript). Next
 * refuses cross-site and oversized ones itself, but with a 500; this answers them first with a
 * clear 4xx: 403 for a missing, `null` or foreign Origin, 411 without a length, 413 over 1 MB.
 * Null when the post may go on.
 */
export function refuseFormPost(headers: Headers): { status: number; error: string } | null {
  const origin = headers.get('origin')
  const host = headers.get('x-forwarded-host') ?? headers.get('host')
  let sameOrigin = false
  try {
    sameOrigin = Boolean(origin && host && new URL(origin).host === host)
  } catch {
    sameOrigin = false
  }
  if (!sameOrigin) return { status: 403, error: 'Forms can only be sent from this site.' }
  const length = headers.get('content-length')
  if (length === null || !/^\d{1,12}$/.test(length))
    return { status: 411, error: 'Send the form with a Content-Length.' }
  if (Number(length) > MAX_FORM_POST_BYTES)
    return { status: 413, error: 'The form is too large (the limit is 1 MB).' }
  return null
}
