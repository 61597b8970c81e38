import { expect, test } from '@playwright/test'

import { adminApi, adminFind, logIn, runningTwoArmExperiment, writeTodaysRollups } from './helpers'

// The e2e server queues the optimiser every 5 s (BANDIT_CRON in scripts/e2e-server.mjs).
test('optimise mode moves traffic toward a clearly better variant, keeping the floor', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const api = await adminApi(playwright, baseURL!)
  const { control, bold, experiment } = await runningTwoArmExperiment(api, {
    slugPrefix: 'optimise',
    title: 'Optimise me',
    name: 'Self-driving split',
    extra: { optimise: true, banditBurnInVisitors: 50, banditFloorPercent: 5 },
  })
  await api.dispose()
  // Bold converts at 15%, the original at 2%, 400 visitors each: past the burn-in.
  await writeTodaysRollups(experiment.id, [
    { variant: control.id, visitors: 400, conversions: 8 },
    { variant: bold.id, visitors: 400, conversions: 60 },
  ])

  const started = Date.now()
  const split = async () => {
    const [doc] = await adminFind(
      playwright,
      baseURL!,
      'experiments',
      `where[id][equals]=${experiment.id}&depth=0`,
    )
    return (doc.variants as { trafficPercentage: number }[]).map((row) => row.trafficPercentage)
  }
  await expect
    .poll(async () => (await split())[1], { timeout: 60_000, intervals: [1_000] })
    .toBeGreaterThan(50)
  const [original, challenger] = await split()
  console.log(
    `[optimise] split moved to ${original}/${challenger} ${Date.now() - started} ms after the data`,
  )
  expect(original).toBeGreaterThanOrEqual(5)
  expect(original + challenger).toBe(100)

  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}/results`)
  await expect(
    page.getByText(/Optimiser moved traffic: Original 50%, Bold 50% →/).first(),
  ).toBeVisible()
  await expect(
    page.getByRole('figure', { name: 'Traffic split per variant over time' }),
  ).toBeVisible()
})
