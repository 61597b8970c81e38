import { expect, test } from '@playwright/test'

import { adminApi, DESKTOP_CHROME, logIn } from './helpers'

// The Results tab's states a marketer meets early in an experiment: too little data for a
// verdict, intervals at the Bonferroni level with three arms, the peeking caveat, and a
// sample size that cannot be given for an impossible plan (with the reason).
test('the Results tab says when there is not enough data, and why no sample size', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `states-${Date.now().toString(36)}`
  const landing = await api.create('pages', {
    title: 'Results states',
    slug,
    layout: [{ blockType: 'hero', headline: 'Original' }],
  })
  const arms = []
  for (const [name, headline] of [
    ['Original', null],
    ['Shorter', 'Short'],
    ['Louder', 'LOUD'],
  ] as const) {
    arms.push(
      await api.create('variants', {
        name,
        page: landing.id,
        ...(headline ? { layout: [{ blockType: 'hero', headline }] } : {}),
      }),
    )
  }
  const experiment = await api.create('experiments', {
    name: 'Three-arm states',
    page: landing.id,
    status: 'running',
    // 50% expected and a +150% lift: past 100%, so no sample size can be given.
    baselineConversionRate: 50,
    minimumDetectableEffect: 150,
    variants: arms.map((arm, i) => ({ variant: arm.id, trafficPercentage: i === 0 ? 34 : 33 })),
  })
  await api.dispose()

  // A few real first visits (each without cookies: a new visitor).
  for (let i = 0; i < 24; i++) {
    const response = await fetch(`${baseURL}/${slug}`, {
      headers: { 'user-agent': DESKTOP_CHROME, 'sec-fetch-dest': 'document' },
    })
    expect(response.status).toBe(200)
  }

  await logIn(page)
  const results = `/admin/collections/experiments/${experiment.id}/results`
  await expect(async () => {
    await page.goto(results)
    await expect(page.getByRole('row', { name: /Shorter/ })).toContainText(/\d/)
  }).toPass({ timeout: 20_000 })
  const table = page.locator('.sp-table')
  await expect(table.getByRole('columnheader', { name: /97\.5% interval/ })).toBeVisible()
  await expect(table.getByText('Not enough data yet')).toHaveCount(2)
  await expect(page.getByText(/Holm-adjusted for the 2 comparisons/)).toBeVisible()
  await expect(
    page.getByText(/Bonferroni level \(97\.5%\); chance to beat control is not adjusted/),
  ).toBeVisible()
  await expect(
    page.getByText(/Chance to beat control is a fixed-sample Bayesian figure/),
  ).toBeVisible()
  await expect(page.getByTestId('sample-size-reason')).toContainText(
    'a 150% lift on a 50.0% baseline would exceed 100%',
  )
})
