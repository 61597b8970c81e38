import { NextRequest } from 'next/server'
import { describe, expect, it } from 'vitest'

import {
  describeAudience,
  matchesAudience,
  type Audience,
  type AudienceRule,
  type Traits,
} from '@/lib/experiments/audience'
import { deviceOf, requestTraits } from '@/lib/experiments/requestTraits'

const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
const IPAD =
  'Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 Mobile/15E148 Safari/604.1'
const ANDROID =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36'
const DESKTOP =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36'

function traits(path: string, headers: Record<string, string> = {}, returning = false): Traits {
  return requestTraits(new NextRequest(`https://splitpage.test${path}`, { headers }), returning)
}
const one = (rule: AudienceRule): Audience => ({ match: 'all', rules: [rule] })

describe('request traits', () => {
  it.each([
    [IPHONE, 'mobile'],
    [ANDROID, 'mobile'],
    [IPAD, 'tablet'],
    [DESKTOP, 'desktop'],
    ['', 'desktop'],
  ])('%s is a %s', (ua, device) => {
    expect(deviceOf(ua)).toBe(device)
  })

  it('reads the referring host, languages and (only from COUNTRY_HEADER) the country', () => {
    const seen = traits('/?utm_source=Google', {
      referer: 'https://www.news.example.org/story',
      'accept-language': 'de-CH,de;q=0.9,en;q=0.8',
      'cf-ipcountry': 'CH',
    })
    expect(seen).toMatchObject({
      referrer: 'news.example.org',
      languages: ['de-ch', 'de', 'en'],
      country: null,
    })
    process.env.COUNTRY_HEADER = 'CF-IPCountry'
    try {
      expect(traits('/', { 'cf-ipcountry': 'CH' }).country).toBe('CH')
    } finally {
      delete process.env.COUNTRY_HEADER
    }
  })
})

describe('audience rules', () => {
  it.each<[string, AudienceRule, Traits, boolean]>([
    [
      'device is mobile (iPhone)',
      { attribute: 'device', operator: 'is', value: 'mobile' },
      traits('/', { 'user-agent': IPHONE }),
      true,
    ],
    [
      'device is mobile (desktop)',
      { attribute: 'device', operator: 'is', value: 'mobile' },
      traits('/', { 'user-agent': DESKTOP }),
      false,
    ],
    [
      'device is mobile, tablet (iPad)',
      { attribute: 'device', operator: 'is', value: 'mobile, tablet' },
      traits('/', { 'user-agent': IPAD }),
      true,
    ],
    [
      'device is not desktop (desktop)',
      { attribute: 'device', operator: 'is-not', value: 'desktop' },
      traits('/', { 'user-agent': DESKTOP }),
      false,
    ],
    [
      'utm_source is google (Google)',
      { attribute: 'utm_source', operator: 'is', value: 'google' },
      traits('/?utm_source=Google'),
      true,
    ],
    [
      'utm_source is google (absent)',
      { attribute: 'utm_source', operator: 'is', value: 'google' },
      traits('/'),
      false,
    ],
    [
      'utm_source is not google (absent)',
      { attribute: 'utm_source', operator: 'is-not', value: 'google' },
      traits('/'),
      true,
    ],
    [
      'utm_campaign contains spring',
      { attribute: 'utm_campaign', operator: 'contains', value: 'spring' },
      traits('/?utm_campaign=SPRING-sale-2026'),
      true,
    ],
    [
      'utm_medium is cpc, paid (email)',
      { attribute: 'utm_medium', operator: 'is', value: 'cpc, paid' },
      traits('/?utm_medium=email'),
      false,
    ],
    [
      'query plan is pro',
      { attribute: 'query', parameter: 'plan', operator: 'is', value: 'pro' },
      traits('/?plan=pro'),
      true,
    ],
    [
      'query plan is pro (other parameter)',
      { attribute: 'query', parameter: 'plan', operator: 'is', value: 'pro' },
      traits('/?tier=pro'),
      false,
    ],
    [
      'referrer is example.org (a subdomain)',
      { attribute: 'referrer', operator: 'is', value: 'example.org' },
      traits('/', { referer: 'https://blog.example.org/x' }),
      true,
    ],
    [
      'referrer is example.org (notexample.org)',
      { attribute: 'referrer', operator: 'is', value: 'example.org' },
      traits('/', { referer: 'https://notexample.org/' }),
      false,
    ],
    [
      'visitor is new (new)',
      { attribute: 'visitor', operator: 'is', value: 'new' },
      traits('/', {}, false),
      true,
    ],
    [
      'visitor is new (returning)',
      { attribute: 'visitor', operator: 'is', value: 'new' },
      traits('/', {}, true),
      false,
    ],
    [
      'language is de (de-CH)',
      { attribute: 'language', operator: 'is', value: 'de' },
      traits('/', { 'accept-language': 'de-CH' }),
      true,
    ],
    [
      'language is de (dk)',
      { attribute: 'language', operator: 'is', value: 'de' },
      traits('/', { 'accept-language': 'da-DK' }),
      false,
    ],
    [
      'country is DE (no trusted header)',
      { attribute: 'country', operator: 'is', value: 'de' },
      traits('/', { 'cf-ipcountry': 'DE' }),
      false,
    ],
  ])('%s → %s', (_, rule, seen, expected) => {
    expect(matchesAudience(one(rule), () => seen)).toBe(expected)
  })

  it('all rules must match, or any one of them', () => {
    const rules: AudienceRule[] = [
      { attribute: 'device', operator: 'is', value: 'mobile' },
      { attribute: 'utm_source', operator: 'is', value: 'google' },
    ]
    const mobileFromBing = traits('/?utm_source=bing', { 'user-agent': IPHONE })
    expect(matchesAudience({ match: 'all', rules }, () => mobileFromBing)).toBe(false)
    expect(matchesAudience({ match: 'any', rules }, () => mobileFromBing)).toBe(true)
  })

  it('no rules: everyone, and the request is not even read', () => {
    let read = false
    expect(
      matchesAudience({ match: 'all', rules: [] }, () => {
        read = true
        return traits('/')
      }),
    ).toBe(true)
    expect(read).toBe(false)
  })

  it('reads as a sentence in the admin', () => {
    expect(describeAudience(null)).toBe('Every visitor of the page can enter.')
    expect(
      describeAudience({
        match: 'all',
        rules: [
          { attribute: 'device', operator: 'is', value: 'mobile, tablet' },
          { attribute: 'utm_source', operator: 'is-not', value: 'newsletter' },
          { attribute: 'query', parameter: 'plan', operator: 'contains', value: 'pro' },
          { attribute: 'visitor', operator: 'is', value: 'new' },
        ],
      }),
    ).toBe(
      'Visitors enter when their device is mobile or tablet and utm_source is not newsletter and the query parameter “plan” contains pro and are new visitors.',
    )
  })
})
