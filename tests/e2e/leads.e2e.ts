import { expect, test, type Page } from '@playwright/test'

import { adminFind, DESKTOP_CHROME, logIn } from './helpers'

async function served(page: Page) {
  const main = page.getByRole('main')
  return {
    experiment: await main.getAttribute('data-experiment-id'),
    variant: await main.getAttribute('data-variant-id'),
  }
}

const idOf = (value: unknown) =>
  String(
    value && typeof value === 'object' && 'id' in value ? (value as { id: unknown }).id : value,
  )

for (const javaScriptEnabled of [true, false]) {
  test(`a visitor in an experiment submits the lead form (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async ({
    browser,
    baseURL,
    playwright,
  }) => {
    const context = await browser.newContext({
      baseURL,
      javaScriptEnabled,
      userAgent: DESKTOP_CHROME,
    })
    const page = await context.newPage()
    await page.goto('/?utm_source=newsletter&utm_campaign=launch')
    const assignment = await served(page)
    expect(assignment.experiment).not.toBe('')
    const email = `lead-${javaScriptEnabled ? 'js' : 'nojs'}-${Date.now()}@example.com`
    // Submissions sooner than 2 s after the page view are treated as bots.
    await page.waitForTimeout(2100)
    await page.getByLabel('Email address').fill(email)
    await page.getByLabel('Your name').fill('Grace Hopper')
    await page.getByRole('button', { name: 'Request access' }).click()
    await expect(page.getByText('Thanks! Check your inbox for the next steps.')).toBeVisible()

    const vid = (await context.cookies()).find((c) => c.name === 'vid')!.value
    const [lead] = await adminFind(
      playwright,
      baseURL!,
      'leads',
      `where[email][equals]=${email}&depth=0`,
    )
    expect(lead).toMatchObject({
      name: 'Grace Hopper',
      visitorId: vid,
      utmSource: 'newsletter',
      utmCampaign: 'launch',
    })
    expect(idOf(lead.experiment)).toBe(assignment.experiment)
    expect(idOf(lead.variant)).toBe(assignment.variant)
    const conversions = await adminFind(
      playwright,
      baseURL!,
      'analytics-events',
      `where[visitorId][equals]=${vid}&where[eventType][equals]=conversion&depth=0`,
    )
    expect(conversions).toHaveLength(1)
    expect(idOf(conversions[0].variant)).toBe(assignment.variant)
    await context.close()
  })
}

test('the form shows inline errors for bad input', async ({ page }) => {
  await page.goto('/webinar')
  await page.waitForTimeout(2100)
  await page.getByLabel('Email address').fill('not-an-email')
  await page.getByRole('button', { name: 'Reserve my seat' }).click()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
  await expect(page.getByText('Please fill in "Your role".')).toBeVisible()
  await expect(page.getByLabel('Email address')).toHaveAttribute('aria-invalid', 'true')
})

test('a CTA click produces one click event with its blockId', async ({
  browser,
  baseURL,
  playwright,
}) => {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  await page.goto('/')
  const cta = page.getByRole('link', { name: 'Get early access' })
  const blockId = await cta.getAttribute('data-block-id')
  const beacon = page.waitForResponse((r) => r.url().endsWith('/api/track'))
  await cta.click()
  expect((await beacon).status()).toBe(204)
  const vid = (await context.cookies()).find((c) => c.name === 'vid')!.value
  await expect(async () => {
    const clicks = await adminFind(
      playwright,
      baseURL!,
      'analytics-events',
      `where[visitorId][equals]=${vid}&where[eventType][equals]=click&depth=0`,
    )
    expect(clicks).toHaveLength(1)
    expect(clicks[0].blockId).toBe(blockId)
  }).toPass({ timeout: 10_000 })
  await context.close()
})

test('anonymous REST and GraphQL cannot read or create leads and events', async ({ request }) => {
  for (const collection of ['leads', 'analytics-events', 'experiments', 'variants', 'users']) {
    expect((await request.get(`/api/${collection}`)).status()).toBe(403)
  }
  expect((await request.post('/api/leads', { data: { email: 'x@example.com' } })).status()).toBe(
    403,
  )
  expect(
    (
      await request.post('/api/analytics-events', {
        data: { eventType: 'conversion', visitorId: 'x' },
      })
    ).status(),
  ).toBe(403)
  const graphql = await request.post('/api/graphql', {
    data: { query: '{ Leads { docs { email } } AnalyticsEvents { docs { visitorId } } }' },
  })
  const body = await graphql.json()
  expect(body.data?.Leads ?? null).toBeNull()
  expect(body.errors?.length).toBeGreaterThan(0)
  const create = await request.post('/api/graphql', {
    data: { query: 'mutation { createLead(data: { email: "x@example.com" }) { id } }' },
  })
  expect((await create.json()).errors?.length).toBeGreaterThan(0)
  // A misspelt name is refused without "Did you mean …?" naming the schema's types and fields.
  for (const query of ['{ Lead { docs { email } } }', '{ Leads { docs { emial } } }']) {
    const misspelt = await request.post('/api/graphql', { data: { query } })
    const text = JSON.stringify(await misspelt.json())
    expect(text).toMatch(/Cannot query field/)
    expect(text).not.toMatch(/Did you mean/)
  }
})

test('leads export as CSV for logged-in users only; markup in a lead shows as text in the admin', async ({
  page,
  request,
}) => {
  const markup = '<img src=x onerror="window.__xss=1">'
  await page.goto('/')
  await page.waitForTimeout(2100)
  const email = `xss-${Date.now()}@example.com`
  await page.getByLabel('Email address').fill(email)
  await page.getByLabel('Your name').fill(markup)
  await page.getByRole('button', { name: 'Request access' }).click()
  await expect(page.getByText('Thanks! Check your inbox')).toBeVisible()

  expect((await request.get('/api/leads/export')).status()).toBe(401)

  await logIn(page)
  const csv = await page.request.get('/api/leads/export')
  expect(csv.status()).toBe(200)
  expect(csv.headers()['content-type']).toContain('text/csv')
  const text = await csv.text()
  expect(text.split('\n')[0]).toContain('email,name,page,experiment,variant')
  expect(text).toContain(email)

  await page.goto(`/admin/collections/leads?where[email][equals]=${encodeURIComponent(email)}`)
  await expect(page.getByRole('link', { name: 'Export leads as CSV' })).toBeVisible()
  await expect(page.getByText(markup)).toBeVisible()
  await page.getByRole('link', { name: email }).click()
  await expect(page.locator('input[name="name"]')).toHaveValue(markup)
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()
})
