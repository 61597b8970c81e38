'use server'

import { cookies, headers } from 'next/headers'
import { redirect } from 'next/navigation'

import { safeHref } from '@/lib/content/safeHref'
import { getPayloadClient } from '@/lib/payload'
import { ADMIN_TOKEN_COOKIE } from '@/lib/security/adminToken'
import { clientAddress } from '@/lib/security/clientAddress'
import { handleLeadSubmission, type LeadFormState } from '@/lib/leads/handleLeadSubmission'
import { VISITOR_COOKIES } from '@/lib/visitor/readVisitor'

const MAX_INPUTS = 40
const MAX_VALUE_LENGTH = 5000

/** The lead form's server action, for `useActionState`; works without JavaScript too. */
export async function submitLead(_prev: LeadFormState, formData: FormData): Promise<LeadFormState> {
  const values: Record<string, string> = {}
  let count = 0
  for (const [key, value] of formData.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue
    if (++count > MAX_INPUTS || value.length > MAX_VALUE_LENGTH || key.length > 60) {
      return {
        status: 'error',
        message: 'The form is too large; please shorten your answers.',
        code: 413,
      }
    }
    values[key] = value
  }
  const [jar, requestHeaders] = await Promise.all([cookies(), headers()])
  // Without JavaScript the UTM tags are not copied into the form; the page's address has them.
  try {
    const referer = new URL(requestHeaders.get('referer') ?? '')
    for (const key of ['utm_source', 'utm_medium', 'utm_campaign']) {
      const tag = referer.searchParams.get(key)
      if (tag && !values[key]) values[key] = tag.slice(0, 200)
    }
  } catch {
    // No usable Referer: no UTM tags.
  }
  let state: LeadFormState
  try {
    state = await handleLeadSubmission(await getPayloadClient(), {
      values,
      cookies: Object.fromEntries(
        [...VISITOR_COOKIES, ADMIN_TOKEN_COOKIE].map((name) => [name, jar.get(name)?.value]),
      ),
      ip: clientAddress(requestHeaders),
      userAgent: requestHeaders.get('user-agent'),
    })
  } catch (error) {
    console.error('[splitpage] lead submission failed:', error)
    state = {
      status: 'error',
      message: 'We could not save your details just now. Please try again in a moment.',
      code: 503,
    }
  }
  if (state.status === 'success' && state.redirectTo && safeHref(state.redirectTo) !== '#') {
    redirect(safeHref(state.redirectTo))
  }
  return state
}
