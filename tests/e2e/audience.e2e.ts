import { expect, test } from '@playwright/test'

import { adminApi, DESKTOP_CHROME, logIn } from './helpers'

// An audience rule on a running experiment: only matching visitors enter (and are counted); the
// admin shows the rules as a sentence.
test('only visitors matching the audience enter the experiment', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `audience-${Date.now().toString(36)}`
  const landing = await api.create('pages', {
    title: 'Audience',
    slug,
    layout: [{ blockType: 'hero', headline: 'For everyone' }],
  })
  const control = await api.create('variants', { name: 'Original', page: landing.id })
  const paid = await api.create('variants', {
    name: 'Paid search',
    page: landing.id,
    layout: [{ blockType: 'hero', headline: 'For Google visitors' }],
  })
  const experiment = await api.create('experiments', {
    name: 'Google visitors only',
    page: landing.id,
    status: 'running',
    variants: [
      { variant: control.id, trafficPercentage: 0 },
      { variant: paid.id, trafficPercentage: 100 },
    ],
    audience: {
      match: 'all',
      rules: [{ attribute: 'utm_source', operator: 'is', value: 'google' }],
    },
  })
  await api.dispose()

  const visit = (path: string) =>
    fetch(`${baseURL}${path}`, {
      headers: { 'user-agent': DESKTOP_CHROME, 'sec-fetch-dest': 'document' },
    })
  const outside = await visit(`/${slug}`)
  expect(await outside.text()).toContain('For everyone')
  expect(outside.headers.getSetCookie().join(';')).not.toMatch(/spa=/)
  const inside = await visit(`/${slug}?utm_source=google`)
  expect(await inside.text()).toContain('For Google visitors')
  expect(inside.headers.getSetCookie().join(';')).toMatch(/spa=/)

  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}`)
  await expect(page.getByTestId('audience-summary')).toHaveText(
    'Visitors enter when utm_source is google.',
  )
})
