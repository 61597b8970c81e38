import { expect, test } from '@playwright/test'

import { inAllocation } from '../../src/lib/experiments/snapshot'
import { adminApi, adminFind, DESKTOP_CHROME, logIn } from './helpers'

const MOBILE_SAFARI =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'

// The scenario: a marketer adds a click goal by picking a block, targets mobile visitors
// of one UTM campaign at 50% allocation; a desktop visitor gets the page uncounted; a mobile
// visitor of the campaign inside the allocation is counted, clicks, and the Results tab shows
// both goals and the segments.
test('a click goal picked in the admin, a targeted audience at 50%, and the segments', async ({
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
    trafficAllocation: 50,
    audience: {
      match: 'all',
      rules: [
        { attribute: 'device', operator: 'is', value: 'mobile' },
        { attribute: 'utm_campaign', operator: 'is', value: 'spring' },
      ],
    },
    variants: [
      { variant: control.id, trafficPercentage: 50 },
      { variant: louder.id, trafficPercentage: 50 },
    ],
  })
  await api.dispose()

  // In the admin: More goals → Add Goal → a secondary goal counting clicks on a call to action,
  // picked from a list (not typed).
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}`)
  await page.getByRole('button', { name: 'Add Goal' }).click()
  await page.locator('#field-goals__0__blockType').click()
  await page.getByRole('option', { name: 'A call to action' }).click()
  await page.getByRole('button', { name: 'Save' }).click()
  await expect(page.getByText(/updated successfully/i).first()).toBeVisible()
  await expect(page.getByText('Secondary · Clicks on a call to action')).toBeVisible()

  // A desktop visitor of the campaign is not in the audience: the page as it is, not counted.
  const desktop = await browser.newContext({ baseURL, userAgent: DESKTOP_CHROME })
  const desktopTab = await desktop.newPage()
  await desktopTab.goto(`/${slug}?utm_campaign=spring`)
  await expect(desktopTab.getByRole('heading', { name: 'See pricing' })).toBeVisible()
  // (Next may prefetch the header's link to the home page, whose demo experiment then sets its
  // own assignment: only this experiment's must be missing.)
  const assignments = decodeURIComponent(
    (await desktop.cookies()).find((c) => c.name === 'spa')?.value ?? '',
  ).split('.')[0]
  expect(assignments.split(',').map((pair) => pair.split(':')[0])).not.toContain(
    String(experiment.id),
  )
  await desktop.close()

  // A mobile visitor of the campaign whose id falls inside the 50% (the pure hash decides).
  const [stored] = await adminFind(
    playwright,
    baseURL!,
    'experiments',
    `where[id][equals]=${experiment.id}&depth=0`,
  )
  const config = {
    id: String(experiment.id),
    name: 'Pricing clicks',
    seed: String(stored.hashSeed || experiment.id),
    pageId: String(landing.id),
    pageSlug: slug,
    status: 'running' as const,
    startDate: null,
    endDate: null,
    variants: [],
    allocation: 50,
  }
  const vid = Array.from({ length: 200 }, (_, i) => `mobile-visitor-${i}`.padEnd(21, 'x')).find(
    (id) => inAllocation(config, id),
  )!
  const mobile = await browser.newContext({
    baseURL,
    userAgent: MOBILE_SAFARI,
    viewport: { width: 390, height: 844 },
  })
  await mobile.addCookies([{ name: 'vid', value: vid, url: baseURL! }])
  const mobileTab = await mobile.newPage()
  await mobileTab.goto(`/${slug}?utm_campaign=spring`)
  expect((await mobile.cookies()).map((c) => c.name)).toContain('spa')
  const tracked = mobileTab.waitForResponse((response) => response.url().endsWith('/api/track'))
  await mobileTab.getByRole('link', { name: 'Pricing' }).click()
  const answer = await tracked
  expect(answer.status(), await answer.text()).toBe(204)
  await mobile.close()

  const results = `/admin/collections/experiments/${experiment.id}/results`
  await expect(async () => {
    await page.goto(results)
    await expect(page.getByTestId('goals')).toContainText('1 of 1', { timeout: 1_000 })
  }).toPass({ timeout: 20_000 })
  const goals = page.getByTestId('goals')
  await expect(goals).toContainText('Clicks on a call to action')
  await expect(goals).toContainText('5% ÷ 1')
  // Both goals: the primary (lead) table above, this one below; and the segments.
  await expect(page.getByRole('columnheader', { name: 'Conversion rate' })).toBeVisible()
  const segments = page.getByTestId('segments')
  await expect(segments).toContainText('Exploratory')
  // The primary goal's segments are open; each other goal's are folded below them.
  const primarySegments = segments.locator('details').first()
  await expect(primarySegments.locator('summary')).toHaveText('Primary goal: A lead submitted')
  await expect(segments.locator('details').nth(1).locator('summary')).toHaveText(
    'Clicks on a call to action',
  )
  const device = primarySegments.locator('[data-dimension="device"]')
  await expect(device.getByRole('rowheader', { name: 'Mobile' })).toBeVisible()
  await expect(device.getByRole('rowheader', { name: 'Desktop' })).toHaveCount(0)
  const source = primarySegments.locator('[data-dimension="source"]')
  await expect(source.getByRole('rowheader', { name: 'Direct (no source)' })).toBeVisible()

  // `E2E_SCREENSHOTS=1` refreshes the README's pictures of these three parts.
  if (process.env.E2E_SCREENSHOTS === '1') {
    await goals.screenshot({ path: 'docs/screenshots/goals.png' })
    await primarySegments.locator('[data-dimension="device"]').screenshot({
      path: 'docs/screenshots/segments.png',
    })
    await page.goto(`/admin/collections/experiments/${experiment.id}`)
    // The document controls stick to the top of the window and would cover the picture.
    await page.addStyleTag({ content: '.doc-controls { position: static !important; }' })
    await page.getByTestId('audience-summary').scrollIntoViewIfNeeded()
    await page
      .locator('.field-type.group-field')
      .filter({ has: page.getByTestId('audience-summary') })
      .screenshot({ path: 'docs/screenshots/audience.png' })
  }
})
