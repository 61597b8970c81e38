import { expect, test } from '@playwright/test'

import { adminApi, adminFind, logIn, runningTwoArmExperiment } from './helpers'

test("Duplicate turns a running experiment into the next test's draft, with its own variants", async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const { control, bold, experiment } = await runningTwoArmExperiment(api, {
    slugPrefix: 'dup',
    title: 'Duplicate me',
    name: 'Spring headline test',
  })
  await api.dispose()
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}`)
  await page.locator('.doc-controls__dots').click()
  await page.locator('#action-duplicate').click()
  await page.waitForURL(
    (url) =>
      !url.pathname.endsWith(`/experiments/${experiment.id}`) &&
      /\/experiments\/\w+$/.test(url.pathname),
  )
  await expect(page.locator('input[name="name"]')).toHaveValue('Spring headline test (copy)')

  const copyId = page.url().split('/').pop()!
  const [copy] = await adminFind(
    playwright,
    baseURL!,
    'experiments',
    `where[id][equals]=${copyId}&depth=1`,
  )
  expect(copy.status).toBe('draft')
  expect(copy.winner ?? null).toBeNull()
  expect(copy.changeLog ?? []).toHaveLength(0)
  expect(copy.hashSeed).not.toBe(experiment.hashSeed)
  const variants = (
    copy.variants as { variant: { id: number; name: string; _status: string } }[]
  ).map((row) => row.variant)
  expect(variants.map((v) => v.name)).toEqual(['Original (copy)', 'Bold (copy)'])
  expect(variants.map((v) => String(v.id))).not.toContain(String(control.id))
  expect(variants.map((v) => String(v.id))).not.toContain(String(bold.id))
  // Copies of published variants are published, so the copy can start as it is.
  expect(variants.map((v) => v._status)).toEqual(['published', 'published'])
  // The original keeps running, untouched.
  const [original] = await adminFind(
    playwright,
    baseURL!,
    'experiments',
    `where[id][equals]=${experiment.id}&depth=0`,
  )
  expect(original.status).toBe('running')
})
