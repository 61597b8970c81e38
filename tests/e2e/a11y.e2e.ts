import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'

import { DESKTOP_CHROME, logIn } from './helpers'

// WCAG 2 A/AA (axe-core) on the public pages and on Splitpage's own admin components (Payload's
// own admin UI is Payload's to fix; it is left out of the scan).
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

async function violations(page: Page, include?: string) {
  let builder = new AxeBuilder({ page }).withTags(WCAG)
  if (include) builder = builder.include(include)
  const { violations } = await builder.analyze()
  return violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5),
  }))
}

test.describe('accessibility (axe-core, WCAG 2 A/AA)', () => {
  test.use({ userAgent: DESKTOP_CHROME })

  for (const path of ['/', '/webinar']) {
    test(`public page ${path} has no violations`, async ({ page }) => {
      await page.goto(path)
      expect(await violations(page)).toEqual([])
    })
  }

  test('the admin dashboard and an experiment’s Results tab (our components) have none', async ({
    page,
  }) => {
    await logIn(page)
    await page.goto('/admin')
    await expect(page.locator('.sp-dashboard')).toBeVisible()
    expect(await violations(page, '.sp-dashboard')).toEqual([])
    const results = page.locator('.sp-dashboard a[href*="/results"]').first()
    await results.click()
    await expect(page.locator('.sp-results-view')).toBeVisible()
    expect(await violations(page, '.sp-results-view')).toEqual([])
    // The experiment's edit view: the QA links (with links listed) and the audience sentence.
    await page.getByRole('link', { name: 'Edit' }).first().click()
    await page.getByRole('button', { name: 'Create QA links' }).click()
    await expect(page.locator('.sp-qa-links__list')).toBeVisible()
    expect(await violations(page, '.sp-qa-links')).toEqual([])
    expect(await violations(page, '[data-testid="audience-summary"]')).toEqual([])
    // A QA preview, badge included, for a logged-out visitor.
    const url = await page.locator('.sp-qa-links__list input').first().inputValue()
    const visitor = await page.context().browser()!.newContext({ userAgent: DESKTOP_CHROME })
    const preview = await visitor.newPage()
    await preview.goto(url)
    await expect(preview.getByRole('status', { name: 'Preview' })).toBeVisible()
    expect(await violations(preview)).toEqual([])
    await visitor.close()
  })
})
