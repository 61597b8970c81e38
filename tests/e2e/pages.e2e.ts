import { expect, test } from '@playwright/test'

import { logIn } from './helpers'

test('the home page renders every block with landmarks', async ({ page }) => {
  const response = await page.goto('/')
  expect(response?.status()).toBe(200)
  await expect(page).toHaveTitle(/Splitpage — landing pages/)
  // The demo runs a headline experiment on the home page: either arm is fine here.
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    /Landing pages that prove what works|Double your sign-ups without touching code/,
  )
  await expect(page.getByRole('main')).toBeVisible()
  await expect(page.getByRole('banner')).toBeVisible()
  await expect(page.getByRole('contentinfo')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Everything a growth team needs' })).toBeVisible()
  await expect(page.getByText('Finally an A/B tool')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Ready to find your best page?' })).toBeVisible()
  await expect(page.getByLabel('Email address')).toBeVisible()
  await expect(page.getByRole('heading', { name: 'Frequently asked' })).toBeVisible()
  const hero = page.locator('.hero__image')
  await expect(hero).toHaveAttribute('srcset', /480w/)
  await expect(hero).toHaveAttribute('alt', /Dashboard preview/)
})

test('another landing page is served at its slug', async ({ page }) => {
  const response = await page.goto('/webinar')
  expect(response?.status()).toBe(200)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Run your first A/B test in 30 minutes',
  )
})

test('an unknown slug answers a real 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('an edited headline is a draft until published, then shows on the public page', async ({
  page,
  browser,
  baseURL,
}) => {
  await logIn(page)
  const pages = await page.request.get('/api/pages?where[slug][equals]=webinar&depth=0')
  const { docs } = await pages.json()
  const webinar = docs[0]
  await page.goto(`/admin/collections/pages/${webinar.id}`)
  const headline = page.locator('input[name="layout.0.headline"]')
  await headline.waitFor()
  const autosaved = page.waitForResponse(
    (response) =>
      response.url().includes(`/api/pages/${webinar.id}`) &&
      response.url().includes('draft=true') &&
      response.request().method() === 'PATCH',
  )
  await headline.fill('Your first A/B test, live')
  expect((await autosaved).ok()).toBe(true)

  // A separate, anonymous visitor still gets the published page while the draft is edited…
  const visitor = await browser.newContext({ baseURL })
  const visitorPage = await visitor.newPage()
  await visitorPage.goto('/webinar')
  await expect(visitorPage.getByRole('heading', { level: 1 })).toHaveText(
    'Run your first A/B test in 30 minutes',
  )
  // …and the edit once it is published.
  await page.getByRole('button', { name: 'Publish changes' }).click()
  await expect(page.getByText(/updated successfully|published successfully/i).first()).toBeVisible()
  await visitorPage.goto('/webinar')
  await expect(visitorPage.getByRole('heading', { level: 1 })).toHaveText(
    'Your first A/B test, live',
  )
  await visitor.close()
})

test('public pages carry security headers', async ({ request }) => {
  for (const path of ['/', '/webinar', '/no-such-page']) {
    const headers = (await request.get(path)).headers()
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'")
    expect(headers['content-security-policy']).toContain("object-src 'none'")
    expect(headers['x-content-type-options']).toBe('nosniff')
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(headers['x-powered-by']).toBeUndefined()
  }
})
