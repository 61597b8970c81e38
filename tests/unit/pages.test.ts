import { describe, expect, it } from 'vitest'

import { slugify, slugProblem } from '@/collections/Pages/validateSlug'
import { safeHref } from '@/lib/content/safeHref'

describe('slugProblem', () => {
  it.each([
    ['spring-sale', null],
    ['home', null],
    ['a1-b2', null],
    ['', 'A slug is required.'],
    [undefined, 'A slug is required.'],
    ['Spring-Sale', /not URL-safe/],
    ['spring sale', /not URL-safe/],
    ['spring--sale', /not URL-safe/],
    ['-spring', /not URL-safe/],
    ['über', /not URL-safe/],
    ['../etc', /not URL-safe/],
    ['admin', /reserved/],
    ['api', /reserved/],
    ['vr', /reserved/],
    ['x'.repeat(81), /at most 80/],
  ])('%j → %s', (slug, expected) => {
    const problem = slugProblem(slug)
    if (expected === null) expect(problem).toBeNull()
    else if (typeof expected === 'string') expect(problem).toBe(expected)
    else expect(problem).toMatch(expected)
  })
})

describe('slugify', () => {
  it.each([
    ['Spring Sale!', 'spring-sale'],
    ['  Crème brûlée 2026 ', 'creme-brulee-2026'],
    ['---', ''],
  ])('%j → %j', (title, slug) => expect(slugify(title)).toBe(slug))

  it('always yields a valid slug for non-empty results', () => {
    for (const title of ['Hello, World', 'A/B test: 50%', 'Ünïcödé  Title']) {
      expect(slugProblem(slugify(title))).toBeNull()
    }
  })
})

describe('safeHref', () => {
  it.each([
    ['#signup', '#signup'],
    ['/pricing', '/pricing'],
    ['https://example.com/x', 'https://example.com/x'],
    ['mailto:hi@example.com', 'mailto:hi@example.com'],
    ['javascript:alert(1)', '#'],
    ['  JavaScript:alert(1)', '#'],
    ['//evil.example', '#'],
    ['data:text/html,x', '#'],
    [null, '#'],
    ['', '#'],
  ])('%j → %j', (href, expected) => expect(safeHref(href)).toBe(expected))
})
