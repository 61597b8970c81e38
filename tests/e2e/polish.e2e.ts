import { expect, test } from '@playwright/test'

import { adminApi, adminFind, DESKTOP_CHROME, logIn, runningTwoArmExperiment } from './helpers'

// Small things a new user trips over: a favicon, an avatar that needs no network, a lead's
// answers readable, a confirmation before a variant's blocks are replaced, and feedback after
// promoting a winner.
test('public pages have a favicon; the admin avatar makes no third-party request', async ({
  page,
  request,
}) => {
  const icon = await request.get('/favicon.ico')
  expect(icon.status()).toBe(200)
  expect(icon.headers()['content-type']).toMatch(/icon/)
  const outside: string[] = []
  page.on('request', (r) => {
    if (!/^http:\/\/(127\.0\.0\.1|localhost)/.test(r.url())) outside.push(r.url())
  })
  await logIn(page)
  await page.goto('/admin/account')
  await expect(page.getByRole('heading', { name: /admin@|Account/i }).first()).toBeVisible()
  expect(outside.filter((url) => /gravatar/.test(url))).toEqual([])
})

test('a lead’s form answers show as a table', async ({ page, browser, playwright, baseURL }) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `answers-${Date.now().toString(36)}`
  await api.create('pages', {
    title: 'Answers',
    slug,
    layout: [
      {
        blockType: 'leadForm',
        submitLabel: 'Send',
        successMessage: 'Got it!',
        fields: [
          { name: 'company', label: 'Company', type: 'text', required: true },
          {
            name: 'newsletter',
            label: 'Send me the newsletter',
            type: 'checkbox',
            required: false,
          },
        ],
      },
    ],
  })
  await api.dispose()
  const email = `table-${Date.now()}@example.com`
  const visitor = await browser.newContext({ baseURL, userAgent: DESKTOP_CHROME })
  const form = await visitor.newPage()
  await form.goto(`/${slug}`)
  await form.waitForTimeout(2100)
  await form.getByLabel('Email address').fill(email)
  await form.getByLabel('Company').fill('Analytical Engines')
  await form.getByLabel('Send me the newsletter').check()
  await form.getByRole('button', { name: 'Send' }).click()
  await expect(form.getByText('Got it!')).toBeVisible()
  await visitor.close()

  const [lead] = await adminFind(playwright, baseURL!, 'leads', `where[email][equals]=${email}`)
  await logIn(page)
  await page.goto(`/admin/collections/leads/${lead.id}`)
  const table = page.locator('.sp-form-data table')
  await expect(table.getByRole('row', { name: /company Analytical Engines/ })).toBeVisible()
  await expect(table.getByRole('row', { name: /newsletter Yes/ })).toBeVisible()
})

test('copying the page’s layout over a variant’s own blocks asks first', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const slug = `copy-${Date.now().toString(36)}`
  const landing = await api.create('pages', {
    title: 'Copy check',
    slug,
    layout: [{ blockType: 'hero', headline: 'Page' }],
  })
  const variant = await api.create('variants', {
    name: 'Edited',
    page: landing.id,
    layout: [{ blockType: 'hero', headline: 'My careful edit' }],
  })
  await api.dispose()
  await logIn(page)
  await page.goto(`/admin/collections/variants/${variant.id}`)
  const box = page.getByLabel('Copy the page’s layout into this variant on save')
  let asked = ''
  page.once('dialog', (dialog) => {
    asked = dialog.message()
    return dialog.dismiss()
  })
  await box.click()
  expect(asked).toContain('has 1 block of its own')
  await expect(box).not.toBeChecked()
  page.once('dialog', (dialog) => dialog.accept())
  await box.click()
  await expect(box).toBeChecked()
})

test('promoting the winner says so, links to the page, and stays shown', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const { slug, bold, experiment } = await runningTwoArmExperiment(api, {
    slugPrefix: 'promote',
    title: 'Promote me',
    name: 'Promotion',
  })
  await api.post(`/api/experiments/${experiment.id}/lifecycle`, {
    action: 'complete',
    winner: bold.id,
  })
  await api.dispose()
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}/results`)
  page.once('dialog', (dialog) => dialog.accept())
  await page.getByRole('button', { name: 'Promote the winner to the page' }).click()
  const status = page.getByTestId('promoted')
  await expect(status).toContainText('“Bold” is now the page’s layout.')
  await expect(status.getByRole('link', { name: 'View the page' })).toHaveAttribute(
    'href',
    `/${slug}`,
  )
  await page.reload()
  await expect(page.getByTestId('promoted')).toContainText(
    'Promoted the winner “Bold” into the page “Promote me”',
  )
  await expect(page.getByRole('button', { name: 'Promote the winner again' })).toBeVisible()
})

test('run again starts phase 2 with fresh results, linked to phase 1', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const { experiment } = await runningTwoArmExperiment(api, {
    slugPrefix: 'phases',
    title: 'Phases',
    name: 'Phased test',
  })
  await api.dispose()
  await logIn(page)
  await page.goto(`/admin/collections/experiments/${experiment.id}/results`)
  let asked = ''
  page.once('dialog', (dialog) => {
    asked = dialog.message()
    return dialog.accept()
  })
  await page.getByRole('button', { name: 'Run again (new phase)' }).click()
  await page.waitForURL((url) => !url.pathname.includes(`/experiments/${experiment.id}/`))
  expect(asked).toContain('Visitors are assigned afresh (a new seed)')
  await expect(page.getByTestId('phase')).toContainText('Phase 2: fresh results since')
  await page.getByRole('link', { name: 'Results of phase 1' }).click()
  await expect(page).toHaveURL(new RegExp(`/experiments/${experiment.id}/results`))
  await expect(page.getByText('Results: Phased test')).toBeVisible()
})

test('a live variant’s edit view warns, and offers a new phase', async ({
  page,
  playwright,
  baseURL,
}) => {
  const api = await adminApi(playwright, baseURL!)
  const {
    page: landing,
    bold,
    experiment,
  } = await runningTwoArmExperiment(api, {
    slugPrefix: 'live',
    title: 'Live variant',
    name: 'Live check',
  })
  const spare = await api.create('variants', { name: 'Unused', page: landing.id })
  await api.dispose()
  await logIn(page)
  await page.goto(`/admin/collections/variants/${spare.id}`)
  await expect(page.getByLabel('Name')).toHaveValue('Unused')
  await expect(page.getByTestId('live-variant')).toHaveCount(0)
  // A malformed id is a clear 404, not an error.
  expect((await page.request.get('/api/variants/not-an-id/live')).status()).toBe(404)
  await page.goto(`/admin/collections/variants/${bold.id}`)
  const banner = page.getByTestId('live-variant')
  await expect(banner).toContainText('This variant is live in the running experiment “Live check”')
  page.once('dialog', (dialog) => dialog.accept())
  await banner.getByRole('button', { name: 'Start a new phase' }).click()
  await page.waitForURL(/\/results$/)
  expect(page.url()).not.toContain(`/experiments/${experiment.id}/`)
  await expect(page.getByTestId('phase')).toContainText('Phase 2')
})
