import { describe, expect, it } from 'vitest'

import { leadsToCsv, neutraliseFormula } from '@/lib/leads/leadsCsv'
import { parseLead } from '@/lib/leads/parseLead'
import type { Lead } from '@/payload-types'

const block = {
  fields: [
    { name: 'name', label: 'Name', type: 'text' as const, required: false },
    { name: 'company', label: 'Company', type: 'text' as const, required: true },
    { name: 'phone', label: 'Phone', type: 'tel' as const, required: false },
    { name: 'terms', label: 'Terms', type: 'checkbox' as const, required: true },
  ],
}

describe('parseLead', () => {
  it('accepts a complete submission, normalising the email and ignoring unknown inputs', () => {
    const result = parseLead(
      {
        email: ' Ada@Example.COM ',
        name: 'Ada',
        company: 'Engines',
        terms: 'yes',
        role: 'admin',
        utm_source: 'news',
      },
      block,
    )
    expect(result).toEqual({
      ok: true,
      data: {
        email: 'ada@example.com',
        name: 'Ada',
        formData: { name: 'Ada', company: 'Engines', terms: true },
        utm: { source: 'news', medium: null, campaign: null },
      },
    })
  })

  it.each([
    [{ email: '' }, 'email', 'Enter your email address.'],
    [{ email: 'nope' }, 'email', 'Enter a valid email address, like name@example.com.'],
    [{ company: '' }, 'company', 'Please fill in "Company".'],
    [{ terms: '' }, 'terms', 'Please tick "Terms".'],
    [{ phone: 'call me' }, 'phone', 'Enter a valid phone number.'],
    [{ company: 'x'.repeat(2001) }, 'company', 'Keep this under 2000 characters.'],
  ])('%j → %s: %s', (override, field, message) => {
    const values = { email: 'a@example.com', company: 'C', terms: 'yes', ...override }
    const result = parseLead(values, block)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.errors[field]).toBe(message)
  })
})

describe('leads CSV', () => {
  it.each([
    ['=HYPERLINK("http://evil")', `'=HYPERLINK("http://evil")`],
    ['+1 555', `'+1 555`],
    ['-2', `'-2`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['plain', 'plain'],
  ])('neutralises %j', (cell, expected) => expect(neutraliseFormula(cell)).toBe(expected))

  it('writes a header and one quoted row per lead with attribution names', () => {
    const lead = {
      id: 1,
      email: 'a@example.com',
      name: 'Ada, "the first"',
      page: { id: 3, slug: 'home' },
      experiment: { id: 4, name: 'Headline' },
      variant: { id: 5, name: 'Bold' },
      visitorId: 'V1StGXR8_Z5jdHi6B-myT',
      convertedAt: '2026-01-01T00:00:00.000Z',
      consentGiven: true,
      formData: { company: '=cmd' },
      webhook: { status: 'delivered' },
      suspect: true,
    } as unknown as Lead
    const lines = leadsToCsv([lead]).trim().split('\n')
    expect(lines[0]).toBe(
      'id,email,name,page,experiment,variant,visitorId,convertedAt,consentGiven,utmSource,utmMedium,utmCampaign,formData,webhookStatus,suspect',
    )
    expect(lines[1]).toBe(
      '1,a@example.com,"Ada, ""the first""",home,Headline,Bold,V1StGXR8_Z5jdHi6B-myT,2026-01-01T00:00:00.000Z,yes,,,,"{""company"":""=cmd""}",delivered,yes',
    )
  })
})
