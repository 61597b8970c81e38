import { expect, test, type Browser, type Page } from '@playwright/test'

import { adminApi, adminFind, DESKTOP_CHROME } from './helpers'

type Id = number | string
type Setup = {
  slug: string
  experimentId: string
  controlId: string
  boldId: string
  raw: { experiment: Id; control: Id; bold: Id }
}

let setup: Setup
let api: Awaited<ReturnType<typeof adminApi>>

test.beforeAll(async ({ playwright, baseURL }) => {
  api = await adminApi(playwright, baseURL!)
  const slug = `exp-e2e-${Date.now().toString(36)}`
  const page = await api.create('pages', {
    title: 'E2E experiment page',
    slug,
    layout: [{ blockType: 'hero', headline: 'Page headline' }],
  })
  const control = await api.create('variants', { name: 'Control', page: page.id })
  const bold = await api.create('variants', {
    name: 'Bold',
    page: page.id,
    layout: [{ blockType: 'hero', headline: 'Bold headline' }],
  })
  const experiment = await api.create('experiments', {
    name: 'E2E split',
    page: page.id,
    status: 'running',
    variants: [
      { variant: control.id, trafficPercentage: 50 },
      { variant: bold.id, trafficPercentage: 50 },
    ],
  })
  setup = {
    slug,
    experimentId: String(experiment.id),
    controlId: String(control.id),
    boldId: String(bold.id),
    raw: { experiment: experiment.id, control: control.id, bold: bold.id },
  }
})

test.afterAll(async () => api?.dispose())

async function servedVariant(page: Page) {
  const main = page.getByRole('main')
  return {
    experiment: await main.getAttribute('data-experiment-id'),
    variant: await main.getAttribute('data-variant-id'),
    headline: await page.getByRole('heading', { level: 1 }).textContent(),
  }
}

async function visitFresh(browser: Browser, baseURL: string, slug: string) {
  const context = await browser.newContext({ baseURL })
  const page = await context.newPage()
  const response = await page.goto(`/${slug}`)
  return { context, page, response }
}

test('each visitor keeps their variant across reloads, rendered on the server', async ({
  browser,
  baseURL,
}) => {
  for (let i = 0; i < 2; i++) {
    const { context, page, response } = await visitFresh(browser, baseURL!, setup.slug)
    expect(response?.headers()['cache-control']).toContain('private')
    const first = await servedVariant(page)
    expect(first.experiment).toBe(setup.experimentId)
    expect([setup.controlId, setup.boldId]).toContain(first.variant)
    expect(first.headline).toBe(first.variant === setup.boldId ? 'Bold headline' : 'Page headline')
    const cookies = await context.cookies()
    const vid = cookies.find((c) => c.name === 'vid')
    expect(vid?.value).toMatch(/^[A-Za-z0-9_-]{21}$/)
    expect(vid?.httpOnly).toBe(true)
    expect(vid?.sameSite).toBe('Lax')
    for (let reload = 0; reload < 3; reload++) {
      await page.reload()
      expect(await servedVariant(page)).toEqual(first)
    }
    await context.close()
  }
})

test('200 fresh visitors of a 50/50 experiment are split within binomial 99.9% bounds', async ({
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000)
  const counts = new Map<string, number>()
  for (let i = 0; i < 200; i++) {
    const context = await browser.newContext({ baseURL })
    const response = await context.request.get(`/${setup.slug}`)
    const html = await response.text()
    const variant = /data-variant-id="([^"]*)"/.exec(html)?.[1] ?? ''
    counts.set(variant, (counts.get(variant) ?? 0) + 1)
    await context.close()
  }
  // n = 200, p = 0.5: mean 100, sd √50 ≈ 7.07; z(0.9995) = 3.29 → 100 ± 23.
  expect([...counts.keys()].sort()).toEqual([setup.controlId, setup.boldId].sort())
  for (const count of counts.values()) {
    expect(count).toBeGreaterThanOrEqual(77)
    expect(count).toBeLessThanOrEqual(123)
  }
})

test('changing the split keeps existing visitors on their variant', async ({
  browser,
  baseURL,
}) => {
  const { context, page } = await visitFresh(browser, baseURL!, setup.slug)
  const before = await servedVariant(page)
  const other = before.variant === setup.controlId ? setup.boldId : setup.controlId
  await api.update('experiments', setup.raw.experiment, {
    variants: [
      { variant: setup.raw.control, trafficPercentage: other === setup.controlId ? 100 : 0 },
      { variant: setup.raw.bold, trafficPercentage: other === setup.boldId ? 100 : 0 },
    ],
  })
  await page.reload()
  expect(await servedVariant(page)).toEqual(before)
  const newcomer = await visitFresh(browser, baseURL!, setup.slug)
  expect((await servedVariant(newcomer.page)).variant).toBe(other)
  await newcomer.context.close()
  await context.close()
})

test('a paused experiment serves the page layout', async ({ browser, baseURL }) => {
  await api.update('experiments', setup.raw.experiment, { status: 'paused' })
  try {
    for (let i = 0; i < 3; i++) {
      const { context, page } = await visitFresh(browser, baseURL!, setup.slug)
      expect(await servedVariant(page)).toEqual({
        experiment: '',
        variant: '',
        headline: 'Page headline',
      })
      await context.close()
    }
  } finally {
    await api.update('experiments', setup.raw.experiment, { status: 'running' })
  }
})

test('variant pages are reached only through the proxy: a copied internal path is refused', async ({
  request,
}) => {
  // A HEAD request is always rewritten (a GET may be answered with the page kept in memory,
  // which shows no internal path at all).
  const visit = await request.head(`/${setup.slug}`)
  expect(visit.status()).toBe(200)
  const internal = new URL(visit.headers()['x-middleware-rewrite'], 'http://x').pathname
  expect(internal).toMatch(
    new RegExp(`^/vr/[A-Za-z0-9_-]{16}~${setup.slug}~${setup.experimentId}~`),
  )
  const token = internal.split('/')[2].split('~')[0]
  // The header shows the path, but requesting it directly would skip assignment and counting.
  for (const path of [
    internal,
    `/vr/${token}~${setup.slug}~${setup.experimentId}~${setup.boldId}`,
    `/vr/not-the-token-xx~${setup.slug}~${setup.experimentId}~${setup.boldId}`,
    `/vr/${token}~${setup.slug}~${setup.experimentId}~999999`,
    // The old four-segment shape of the same path.
    `/vr/${token}/${setup.slug}/${setup.experimentId}/${setup.boldId}`,
  ]) {
    const direct = await request.get(path)
    expect(direct.status(), path).toBe(404)
    expect(await direct.text()).not.toContain('Bold headline')
  }
})

test('a logged-in user previews any variant with ?variant=, anonymous visitors cannot', async ({
  browser,
  baseURL,
  playwright,
}) => {
  const anonymous = await browser.newContext({ baseURL })
  const anonymousPage = await anonymous.newPage()
  await anonymousPage.goto(`/${setup.slug}`)
  const own = await servedVariant(anonymousPage)
  const forced = own.variant === setup.boldId ? setup.controlId : setup.boldId
  await anonymousPage.goto(`/${setup.slug}?variant=${forced}`)
  expect((await servedVariant(anonymousPage)).variant).toBe(own.variant)
  await anonymous.close()

  const login = await playwright.request.newContext({ baseURL })
  const { token } = await (
    await login.post('/api/users/login', {
      data: { email: 'admin@splitpage.local', password: 'splitpage-demo' },
    })
  ).json()
  await login.dispose()
  const editor = await browser.newContext({ baseURL })
  await editor.addCookies([{ name: 'payload-token', value: token, url: baseURL! }])
  const editorPage = await editor.newPage()
  for (const variant of [setup.boldId, setup.controlId]) {
    await editorPage.goto(`/${setup.slug}?variant=${variant}`)
    expect((await servedVariant(editorPage)).variant).toBe(variant)
  }
  await editor.close()
})

test('a first visit is one document request and one impression; a reload is one more', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME })
  const page = await context.newPage()
  let documents = 0
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++
  })
  const response = await page.goto(`/${setup.slug}`)
  // Client hints are asked for on the admin only: a public page never makes Chromium retry.
  expect(response!.headers()['critical-ch']).toBeUndefined()
  expect(response!.headers()['accept-ch']).toBeUndefined()
  expect(documents).toBe(1)
  const vid = (await context.cookies()).find((cookie) => cookie.name === 'vid')!.value
  const impressions = () =>
    adminFind(
      playwright,
      baseURL!,
      'analytics-events',
      `where[visitorId][equals]=${vid}&where[eventType][equals]=impression&limit=10`,
    ).then((docs) => docs.length)
  await expect.poll(impressions, { timeout: 5_000 }).toBe(1)
  await page.reload()
  expect(documents).toBe(2)
  await expect.poll(impressions, { timeout: 5_000 }).toBe(2)
  // Still one a second later: nothing else counted a view.
  await page.waitForTimeout(1_000)
  expect(await impressions()).toBe(2)
  await context.close()
})

/** A request for the experiment page as a desktop browser's document, with exactly this cookie. */
function visitAs(baseURL: string, vid: string, method = 'GET', extra: Record<string, string> = {}) {
  // Plain fetch: no cookie jar, so each request carries exactly the cookie given here.
  return fetch(new URL(`/${setup.slug}`, baseURL), {
    method,
    headers: {
      cookie: `vid=${vid}`,
      'user-agent': DESKTOP_CHROME,
      'sec-fetch-dest': 'document',
      ...extra,
    },
  })
}

const internalPath = (answer: Response) => answer.headers.get('x-middleware-rewrite')

/**
 * Visitor ids assigned the Bold variant (the id decides: ids are tried until enough are). HEAD is
 * always rewritten, so it shows the variant's path, and is never counted as a view.
 */
async function boldVisitors(baseURL: string, prefix: string, count: number) {
  const found: string[] = []
  for (let i = 0; i < 200 && found.length < count; i++) {
    // A valid visitor id is 21 characters; another would be replaced by a random one.
    const vid = `${prefix}${String(i).padStart(21 - prefix.length, '0')}`
    const rewritten = new URL(internalPath(await visitAs(baseURL, vid, 'HEAD')) ?? '/', 'http://x')
      .pathname
    if (rewritten.endsWith(`~${setup.boldId}`)) found.push(vid)
  }
  expect(found).toHaveLength(count)
  return found
}

test("a variant page answered from memory is the rewrite's page, and an edit reaches it", async ({
  baseURL,
}) => {
  const get = (vid: string, method = 'GET', extra: Record<string, string> = {}) =>
    visitAs(baseURL!, vid, method, extra)
  const [vid] = await boldVisitors(baseURL!, 'MemoryCopyVisitor', 1)

  // The page's HTML through the rewrite (a conditional GET always takes it), then from memory:
  // the same bytes, the same private answer.
  const viaRewrite = await get(vid, 'GET', { 'if-none-match': '"never"' })
  expect(internalPath(viaRewrite)).not.toBeNull()
  const html = await viaRewrite.text()
  expect(html).toContain('Bold headline')
  const fromMemory = async () => {
    const answer = await get(vid)
    return internalPath(answer) === null ? answer : null
  }
  let copy: Response | null = null
  await expect
    .poll(async () => (copy = await fromMemory()) !== null, { timeout: 10_000 })
    .toBe(true)
  expect(copy!.status).toBe(200)
  expect(await copy!.text()).toBe(html)
  for (const name of ['cache-control', 'content-type', 'content-security-policy', 'vary'])
    expect(copy!.headers.get(name), name).toBe(viaRewrite.headers.get(name))
  expect(copy!.headers.get('cache-control')).toBe('private, no-store')
  expect(copy!.headers.getSetCookie().join('; ')).toMatch(/spv=/)
  // The client router's requests for the page's RSC payload still go to Next (the proxy sees
  // their headers: skipProxyUrlNormalize in next.config.mjs).
  for (const router of [{ rsc: '1' }, { rsc: '1', 'next-router-prefetch': '1' }] as Record<
    string,
    string
  >[])
    expect(
      internalPath(await get(vid, 'GET', { ...router, 'sec-fetch-dest': 'empty' })),
    ).not.toBeNull()

  // An edit of the variant reaches visitors at once (through the rewrite while the copies are
  // refilled), then from memory again.
  const edited = `Edited headline ${Date.now().toString(36)}`
  await api.update('variants', setup.raw.bold, {
    layout: [{ blockType: 'hero', headline: edited }],
  })
  const started = Date.now()
  try {
    await expect
      .poll(async () => (await (await get(vid)).text()).includes(edited), { timeout: 15_000 })
      .toBe(true)
    console.log(`the edited variant was served ${Date.now() - started} ms after the edit`)
    await expect
      .poll(async () => (copy = await fromMemory()) !== null, { timeout: 10_000 })
      .toBe(true)
    expect(await copy!.text()).toContain(edited)
  } finally {
    await api.update('variants', setup.raw.bold, {
      layout: [{ blockType: 'hero', headline: 'Bold headline' }],
    })
  }
})

test('in Chromium, a first visit answered from memory shows its variant and is counted once', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const [warm, visitor] = await boldVisitors(baseURL!, 'ChromiumCopy', 2)
  // Wait until the Bold page is answered from memory (another visitor's requests fill it).
  await expect
    .poll(async () => internalPath(await visitAs(baseURL!, warm)) === null, { timeout: 10_000 })
    .toBe(true)
  const context = await browser.newContext({ userAgent: DESKTOP_CHROME })
  await context.addCookies([{ name: 'vid', value: visitor, url: baseURL! }])
  const page = await context.newPage()
  let documents = 0
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++
  })
  const response = await page.goto(`/${setup.slug}`)
  expect(response!.status()).toBe(200)
  // From memory: no rewrite was made for this answer.
  expect(response!.headers()['x-middleware-rewrite']).toBeUndefined()
  expect(response!.headers()['cache-control']).toBe('private, no-store')
  expect(await servedVariant(page)).toEqual({
    experiment: setup.experimentId,
    variant: setup.boldId,
    headline: 'Bold headline',
  })
  expect(documents).toBe(1)
  const impressions = () =>
    adminFind(
      playwright,
      baseURL!,
      'analytics-events',
      `where[visitorId][equals]=${visitor}&where[eventType][equals]=impression&limit=10`,
    ).then((docs) => docs.length)
  await expect.poll(impressions, { timeout: 5_000 }).toBe(1)
  // Still one a second later: nothing else counted a view.
  await page.waitForTimeout(1_000)
  expect(await impressions()).toBe(1)
  await context.close()
})
