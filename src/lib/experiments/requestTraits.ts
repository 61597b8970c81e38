import Bowser from 'bowser'

import type { Traits } from '@/lib/experiments/audience'

const devices = new Map<string, Traits['device']>()

/** mobile / tablet / desktop from the User-Agent (bowser, MIT), cached per user agent. */
export function deviceOf(userAgent: string): Traits['device'] {
  const known = devices.get(userAgent)
  if (known) return known
  let device: Traits['device'] = 'desktop'
  try {
    const type = Bowser.parse(userAgent).platform.type
    device = type === 'mobile' || type === 'tablet' ? type : 'desktop'
  } catch {
    device = 'desktop'
  }
  if (devices.size >= 1000) devices.clear()
  devices.set(userAgent, device)
  return device
}

/**
 * What audience rules look at, from the request alone. The country comes only from the header
 * named by COUNTRY_HEADER (e.g. `cf-ipcountry` behind Cloudflare), set by a proxy you trust.
 */
export function requestTraits(
  request: { nextUrl: URL; headers: Headers },
  returning: boolean,
): Traits {
  const headers = request.headers
  let referrer: string | null = null
  try {
    const value = headers.get('referer')
    referrer = value ? new URL(value).hostname.toLowerCase().replace(/^www\./, '') : null
  } catch {
    referrer = null
  }
  const countryHeader = process.env.COUNTRY_HEADER?.toLowerCase()
  const country = countryHeader ? headers.get(countryHeader)?.trim().slice(0, 8) || null : null
  return {
    device: deviceOf(headers.get('user-agent') ?? ''),
    query: request.nextUrl.searchParams,
    referrer,
    returning,
    languages: (headers.get('accept-language') ?? '')
      .split(',')
      .map((part) => part.split(';')[0].trim().toLowerCase())
      .filter((tag) => /^[a-z]{1,8}(-[a-z0-9]{1,8})*$/.test(tag))
      .slice(0, 10),
    country,
  }
}
