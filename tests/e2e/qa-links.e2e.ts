import { expect, test } from '@playwright/test'

import { adminApi, adminFind, DESKTOP_CHROME, logIn } from './helpers'

// A QA link shows its variant to a logged-out browser, marked as a preview, not indexed, with no
// cookie and nothing counted; revoking the experiment's links stops it.
test('a QA link shows the forced variant to a logged-out browser and records nothing', async ({
  browser,
  baseURL,
  playwright,
  page,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `qa-${Date.now().toString(36)}`
  const landing = await api.create('pages', {
    title: 'QA links',
    slug,
    layout: [{ blockType: 'hero', headline: 'The page as it is' }],
  })
  const control = await api.create('variants', { name: 'Original', page: landing.id })
  const louder = await api.create('variants', {
    name: 'Louder',
    page: landing.id,
    layout: [{ blockType: 'hero', headline: 'THE LOUD CHALLENGER' }],
  })
  const experiment = await api.create('experiments', {
    name: 'QA link check',
    page: landing.id,
    status: 'running',
    variants: [
      { variant: control.id, trafficPercentage: 50 },
      { variant: louder.id, trafficPercentage: 50 },
    ],
  })
  const created = (await api.post(`/api/experiments/${experiment.id}/qa-links`, {
    days: 7,
  })) as unknown as { links: { variantId: string; name: string; url: string }[] }
  const link = created.links.find((l) => l.name === 'Louder')!
  expect(link.url).toMatch(new RegExp(`^/${slug}\\?sp_qa=`))

  const colleague = await browser.newContext({ baseURL, userAgent: DESKTOP_CHROME })
  const tab = await colleague.newPage()
  for (let visit = 0; visit < 3; visit++) {
    const response = await tab.goto(link.url)
    expect(response?.status()).toBe(200)
    expect(response?.headers()['x-robots-tag']).toContain('noindex')
    // The QA answer sets no cookie (no visitor id, no assignment, no page-view stamp).
    const cookies = (await response!.headersArray()).filter(
      (h) => h.name.toLowerCase() === 'set-cookie',
    )
    expect(cookies).toEqual([])
    await expect(tab.getByRole('heading', { level: 1 })).toHaveText('THE LOUD CHALLENGER')
    await expect(tab.getByRole('status', { name: 'Preview' })).toContainText(
      'QA preview of “Louder” in “QA link check”',
    )
  }
  expect((await colleague.cookies()).map((c) => c.value).join(' ')).not.toContain(
    `${experiment.id}%3A`,
  )
  await expect(tab.locator('meta[name="robots"]')).toHaveAttribute('content', /noindex/)

  // Nothing counted: no impression reaches the rollups (the flusher writes within a second).
  await tab.waitForTimeout(2_000)
  const daily = await adminFind(
    playwright,
    baseURL!,
    'experiment-daily',
    `where[experiment][equals]=${experiment.id}`,
  )
  expect(daily.reduce((sum, row) => sum + Number(row.impressions ?? 0), 0)).toBe(0)

  // A forged token is ignored: an ordinary (counted) visit, no preview badge.
  const forged = await colleague.newPage()
  await forged.goto(`/${slug}?sp_qa=${experiment.id}.${louder.id}.9999999999.AAAAAAAAAA.forged`)
  await expect(forged.getByRole('status', { name: 'Preview' })).toHaveCount(0)

  // Revoked from the admin: the same link now says so and shows the page as it is.
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}`)
  await page.getByRole('button', { name: 'Create QA links' }).click()
  await expect(page.getByRole('textbox', { name: 'Louder' })).toHaveValue(/sp_qa=/)
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: 'Revoke all QA links' }).click()
  await expect(page.getByText('All QA links of this experiment were revoked.')).toBeVisible()
  await tab.goto(link.url)
  await expect(tab.getByRole('heading', { level: 1 })).toHaveText('The page as it is')
  await expect(tab.getByRole('status', { name: 'Preview' })).toContainText('was revoked')
  await colleague.close()
  await api.dispose()
})
