import { expect, test } from '@playwright/test'

import { logIn } from './helpers'

test('the dashboard shows the seeded experiment; pausing and starting it moves the public page', async ({
  page,
  browser,
  baseURL,
}) => {
  await logIn(page)
  await page.goto('/admin')
  const card = page.locator('.sp-card').filter({ hasText: 'Homepage headline' })
  await expect(card).toBeVisible()
  await expect(card.getByText('running', { exact: true })).toBeVisible()
  await expect(card.getByRole('row', { name: /Control \(page as is\)/ })).toBeVisible()
  await expect(card.getByRole('row', { name: /Outcome headline/ })).toContainText('%')
  await expect(card.getByText(/visitors needed to detect/)).toBeVisible()

  const visitor = await browser.newContext({ baseURL })
  const visitorPage = await visitor.newPage()
  const experimentOf = async () => {
    await visitorPage.goto('/')
    return visitorPage.getByRole('main').getAttribute('data-experiment-id')
  }
  expect(await experimentOf()).not.toBe('')

  page.on('dialog', (dialog) => dialog.accept())
  await card.getByRole('button', { name: 'Pause' }).click()
  await expect(card.getByText('paused', { exact: true })).toBeVisible()
  expect(await experimentOf()).toBe('')

  await card.getByRole('button', { name: 'Start' }).click()
  await expect(card.getByText('running', { exact: true })).toBeVisible()
  expect(await experimentOf()).not.toBe('')
  await visitor.close()
})

test('the Results tab draws the cumulative conversion chart', async ({ page }, testInfo) => {
  await logIn(page)
  await page.goto('/admin')
  await page
    .locator('.sp-card')
    .filter({ hasText: 'Homepage headline' })
    .getByRole('link', { name: 'Homepage headline' })
    .click()
  await expect(page).toHaveURL(/\/results$/)
  await expect(page.getByRole('heading', { name: 'Results: Homepage headline' })).toBeVisible()
  const chart = page.getByRole('figure', { name: 'Cumulative conversion rate per variant' })
  await expect(chart.locator('.recharts-line')).toHaveCount(2)
  await expect(chart.getByText('Control (page as is)')).toBeVisible()
  // The primary goal's lift over time: the challenger's line in its interval band.
  const lift = page.getByRole('figure', { name: /^Lift over time: Primary goal/ })
  await expect(lift.locator('.recharts-line')).toHaveCount(1)
  await expect(lift.locator('.recharts-area')).toHaveCount(1)
  await page.screenshot({ path: testInfo.outputPath('results-tab.png'), fullPage: true })
  await testInfo.attach('results-tab', {
    path: testInfo.outputPath('results-tab.png'),
    contentType: 'image/png',
  })
})
