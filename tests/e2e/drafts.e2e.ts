import { expect, test } from '@playwright/test'

import { adminApi, logIn } from './helpers'

test('a variant is edited beside its live preview, which follows every autosave', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `live-${Date.now().toString(36)}`
  const landing = await api.create('pages', {
    title: 'Live preview',
    slug,
    layout: [{ blockType: 'hero', headline: 'The page as it is' }],
  })
  const variant = await api.create('variants', {
    name: 'Sharper',
    page: landing.id,
    layout: [{ blockType: 'hero', headline: 'First draft of a headline' }],
  })
  await api.dispose()

  await logIn(page)
  await page.goto(`/admin/collections/variants/${variant.id}`)
  await page.getByRole('button', { name: 'Live Preview' }).click()
  const preview = page.frameLocator('iframe').first()
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText('First draft of a headline')
  await expect(preview.getByText('Preview of the variant “Sharper”')).toBeVisible()

  // The widths a marketer checks: the toolbar offers them and the frame takes the width.
  await page.getByRole('button', { name: 'Responsive' }).click()
  await page.getByRole('button', { name: 'Mobile', exact: true }).click()
  await expect(page.getByRole('spinbutton').first()).toHaveValue('375')
  await expect(page.locator('iframe').first()).toHaveJSProperty('offsetWidth', 375)

  await page.locator('input[name="layout.0.headline"]').fill('Sharper, and typed just now')
  // Saved as a draft (autosave) and re-rendered in the frame, without a click.
  await expect(preview.getByRole('heading', { level: 1 })).toHaveText(
    'Sharper, and typed just now',
    { timeout: 15_000 },
  )
  await expect(preview.getByText('unpublished changes')).toBeVisible()

  // The preview may be framed by the admin (same origin); public pages may not be framed.
  const framed = await page.request.get(`/${slug}?variant=${variant.id}`)
  expect(framed.headers()['content-security-policy']).toContain("frame-ancestors 'self'")
  expect(framed.headers()['cache-control']).toContain('no-store')
  const anonymous = await playwright.request.newContext({ baseURL })
  const publicPage = await anonymous.get(`/${slug}?variant=${variant.id}&draft=1`)
  expect(publicPage.headers()['content-security-policy']).toContain("frame-ancestors 'none'")
  // Anyone else gets the published page, whatever the parameters say.
  expect(await publicPage.text()).toContain('The page as it is')
  expect(await publicPage.text()).not.toContain('typed just now')
  await anonymous.dispose()
})

test('a page that was never published is previewed by staff and unknown to visitors', async ({
  page,
  playwright,
  baseURL,
}) => {
  const slug = `unpublished-${Date.now().toString(36)}`
  await logIn(page)
  const created = await page.request.post('/api/pages?draft=true', {
    data: { title: 'Coming soon', slug, layout: [{ blockType: 'hero', headline: 'Not yet' }] },
  })
  expect(created.ok()).toBe(true)
  const { doc } = await created.json()
  expect(doc._status).toBe('draft')

  const anonymous = await playwright.request.newContext({ baseURL })
  expect((await anonymous.get(`/${slug}`)).status()).toBe(404)
  const listed = await anonymous.get(`/api/pages?where[slug][equals]=${slug}`)
  expect((await listed.json()).docs).toHaveLength(0)
  await anonymous.dispose()

  await page.goto(`/${slug}?draft=1`)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not yet')
  await expect(page.getByText('Preview of this page’s latest draft')).toBeVisible()
})
