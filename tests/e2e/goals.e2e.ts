import { expect, test } from '@playwright/test'

import { adminApi, DESKTOP_CHROME, logIn } from './helpers'

test('a marketer adds a click goal by picking a block; a visitor’s click shows under More goals', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `goals-${Date.now().toString(36)}`
  const cta = {
    blockType: 'cta',
    heading: 'See pricing',
    buttonLabel: 'Pricing',
    buttonHref: '#pricing',
  }
  const landing = await api.create('pages', { title: 'Goals', slug, layout: [cta] })
  const control = await api.create('variants', { name: 'Original', page: landing.id })
  const louder = await api.create('variants', {
    name: 'Louder',
    page: landing.id,
    layout: [{ ...cta, heading: 'SEE PRICING' }],
  })
  const experiment = await api.create('experiments', {
    name: 'Pricing clicks',
    page: landing.id,
    status: 'running',
    variants: [
      { variant: control.id, trafficPercentage: 50 },
      { variant: louder.id, trafficPercentage: 50 },
    ],
  })
  await api.dispose()

  // In the admin: More goals → Add Goal → a secondary goal counting clicks on a call to action,
  // picked from the list.
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}`)
  await page.getByRole('button', { name: 'Add Goal' }).click()
  await page.locator('#field-goals__0__blockType').click()
  await page.getByRole('option', { name: 'A call to action' }).click()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/updated successfully/i).first()).toBeVisible()
  await expect(page.getByText('Secondary · Clicks on a call to action')).toBeVisible()

  // A visitor sees the page and clicks the call to action (a beacon to /api/track).
  const visitor = await browser.newContext({ baseURL, userAgent: DESKTOP_CHROME })
  const tab = await visitor.newPage()
  await tab.goto(`/${slug}`)
  const tracked = tab.waitForRequest((request) => request.url().endsWith('/api/track'))
  await tab.getByRole('link', { name: 'Pricing' }).click()
  await tracked
  await visitor.close()

  const results = `/admin/collections/experiments/${experiment.id}/results`
  await expect(async () => {
    await page.goto(results)
    const goals = page.getByTestId('goals')
    await expect(goals).toContainText('Clicks on a call to action')
    await expect(goals).toContainText('1 of 1', { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  await expect(page.getByTestId('goals')).toContainText('5% ÷ 1')
})
