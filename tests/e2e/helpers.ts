import path from 'node:path'

import { createClient } from '@libsql/client'
import { expect, type APIRequest, type Page } from '@playwright/test'

export const ADMIN_EMAIL = process.env.SEED_ADMIN_EMAIL || 'admin@splitpage.local'
export const ADMIN_PASSWORD = process.env.SEED_ADMIN_PASSWORD || 'splitpage-demo'

/**
 * Headless Chromium's own user agent says "HeadlessChrome" and is rightly a bot (not counted,
 * its leads suspect); a counted visit needs the user agent of an ordinary desktop browser.
 */
export const DESKTOP_CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

export async function logIn(page: Page) {
  await page.goto('/admin/login')
  await page.getByLabel('Email').fill(ADMIN_EMAIL)
  await page.getByLabel('Password').fill(ADMIN_PASSWORD)
  await page.getByRole('button', { name: /login/i }).click()
  await page.waitForURL(/\/admin(?!\/login)/)
}

type Doc = { id: number | string; [key: string]: unknown }

/** REST calls as the seeded admin, for tests that set up their own content. */
export async function adminApi(playwright: { request: APIRequest }, baseURL: string) {
  const api = await playwright.request.newContext({ baseURL })
  const login = await api.post('/api/users/login', {
    data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  const { token } = await login.json()
  const headers = { Authorization: `JWT ${token}` }
  const send = async (method: 'post' | 'patch', url: string, data: unknown): Promise<Doc> => {
    const response = await api[method](url, { data, headers })
    const body = await response.json()
    if (!response.ok()) throw new Error(`${method.toUpperCase()} ${url}: ${JSON.stringify(body)}`)
    return body.doc
  }
  return {
    /** Pages and variants have drafts: created published unless the data says otherwise. */
    create: (collection: string, data: unknown) =>
      send(
        'post',
        `/api/${collection}`,
        collection === 'pages' || collection === 'variants'
          ? { _status: 'published', ...(data as object) }
          : data,
      ),
    update: (collection: string, id: Doc['id'], data: unknown) =>
      send('patch', `/api/${collection}/${id}`, data),
    updateGlobal: (slug: string, data: unknown) => send('post', `/api/globals/${slug}`, data),
    /** POST to an endpoint that answers `{ doc }` (e.g. an experiment's custom endpoints). */
    post: (url: string, data: unknown = {}) => send('post', url, data),
    dispose: () => api.dispose(),
  }
}

/** Reads a collection as the seeded admin (REST with a JWT). */
export async function adminFind(
  playwright: { request: APIRequest },
  baseURL: string,
  collection: string,
  query: string,
): Promise<Doc[]> {
  const api = await playwright.request.newContext({ baseURL })
  const login = await api.post('/api/users/login', {
    data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
  })
  const { token } = await login.json()
  const response = await api.get(`/api/${collection}?${query}`, {
    headers: { Authorization: `JWT ${token}` },
  })
  const { docs } = await response.json()
  await api.dispose()
  return docs
}

/**
 * A new page with an "Original" control and a "Bold" challenger, and a running 50/50 experiment
 * on it, created as the admin (for tests that need an experiment of their own).
 */
export async function runningTwoArmExperiment(
  api: Awaited<ReturnType<typeof adminApi>>,
  {
    slugPrefix,
    title,
    name,
    extra = {},
  }: { slugPrefix: string; title: string; name: string; extra?: Record<string, unknown> },
) {
  const slug = `${slugPrefix}-${Date.now().toString(36)}`
  const page = await api.create('pages', {
    title,
    slug,
    layout: [{ blockType: 'hero', headline: title }],
  })
  const control = await api.create('variants', { name: 'Original', page: page.id })
  const bold = await api.create('variants', {
    name: 'Bold',
    page: page.id,
    layout: [{ blockType: 'hero', headline: 'Bold' }],
  })
  const experiment = await api.create('experiments', {
    name,
    page: page.id,
    status: 'running',
    variants: [
      { variant: control.id, trafficPercentage: 50 },
      { variant: bold.id, trafficPercentage: 50 },
    ],
    ...extra,
  })
  return { slug, page, control, bold, experiment }
}

/** The e2e server's SQLite file (scripts/e2e-server.mjs). */
export function e2eDatabaseUrl() {
  return process.env.E2E_DATABASE_URI || `file:${path.resolve('.tmp/e2e/e2e.db')}`
}

/**
 * Today's visitors and converting visitors of each arm, written straight into the rollups as the
 * flusher would have counted them (a test's traffic without thousands of page views). One
 * transaction, retried if the server happens to be writing at that moment.
 */
export async function writeTodaysRollups(
  experimentId: Doc['id'],
  arms: { variant: Doc['id']; visitors: number; conversions: number }[],
) {
  const day = new Date().toISOString().slice(0, 10)
  const now = new Date().toISOString()
  const statements = arms.flatMap(({ variant, visitors, conversions }) => [
    ...Array.from({ length: visitors }, (_, i) => ({
      sql: `INSERT INTO experiment_exposures
              (experiment_id, variant_id, visitor_id, exposed_day, converted_day, exposed_at, allocation_period)
            VALUES (?, ?, ?, ?, ?, ?, 0)`,
      args: [
        experimentId,
        variant,
        `e2e-${experimentId}-${variant}-${i}`,
        day,
        i < conversions ? day : null,
        now,
      ],
    })),
    {
      sql: `INSERT INTO experiment_daily (experiment_id, variant_id, day, visitors, conversions, impressions, conversion_events)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (experiment_id, variant_id, day) DO UPDATE SET
              visitors = visitors + excluded.visitors, conversions = conversions + excluded.conversions,
              impressions = impressions + excluded.impressions,
              conversion_events = conversion_events + excluded.conversion_events`,
      args: [experimentId, variant, day, visitors, conversions, visitors, conversions],
    },
  ])
  const db = createClient({ url: e2eDatabaseUrl() })
  try {
    await expect(async () => {
      await db.batch(statements, 'write')
    }).toPass({ timeout: 10_000 })
  } finally {
    db.close()
  }
}
