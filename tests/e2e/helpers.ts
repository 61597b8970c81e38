import type { Page } from '@playwright/test'

export const ADMIN_EMAIL = process.env.SEED_ADMIN_EMAIL || 'admin@splitpage.local'
export const ADMIN_PASSWORD = process.env.SEED_ADMIN_PASSWORD || 'splitpage-demo'

export async function logIn(page: Page) {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(ADMIN_EMAIL)
  await page.getByLabel('Password').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: /login/i }).click()
  await page.waitForURL(/\/admin(?!\/login)/)
}
