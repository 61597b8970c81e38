import { expect, test, type APIRequestContext } from '@playwright/test'

import { adminApi } from './helpers'

type Role = 'marketer' | 'viewer'

/** REST and GraphQL as a logged-in user of a role (JWT from the real login endpoint). */
async function signedIn(request: APIRequestContext, role: Role, stamp: string) {
  const email = `${role}-${stamp}@example.com`
  const login = await request.post('/api/users/login', {
    data: { email, password: `${role}-password-1` },
  })
  expect(login.ok()).toBe(true)
  const { token } = await login.json()
  const headers = { Authorization: `JWT ${token}` }
  return {
    get: (url: string) => request.get(url, { headers }),
    patch: (url: string, data: unknown) => request.patch(url, { headers, data }),
    post: (url: string, data: unknown) => request.post(url, { headers, data }),
    graphql: async (query: string) =>
      (await request.post('/api/graphql', { headers, data: { query } })).json(),
  }
}

test('roles hold over REST and GraphQL: a viewer reads results but no leads; a marketer edits content and notification settings, not other settings or users', async ({
  playwright,
  baseURL,
  request,
}) => {
  const admin = await adminApi(playwright, baseURL!)
  const stamp = Date.now().toString(36)
  for (const role of ['marketer', 'viewer'] as Role[]) {
    await admin.create('users', {
      email: `${role}-${stamp}@example.com`,
      password: `${role}-password-1`,
      role,
    })
  }
  // A page of this test's own (another test's open editor would hold a lock on a seeded one).
  const page = await admin.create('pages', {
    title: 'Roles page',
    slug: `roles-${stamp}`,
    layout: [{ blockType: 'hero', headline: 'Roles' }],
  })
  await admin.dispose()
  const viewer = await signedIn(request, 'viewer', stamp)
  const marketer = await signedIn(request, 'marketer', stamp)

  // Viewer: experiments and results yes; lead data and export no; no changes.
  expect((await viewer.get('/api/experiments?limit=1')).status()).toBe(200)
  expect((await viewer.get('/api/experiment-daily?limit=1')).status()).toBe(200)
  expect((await viewer.get('/api/leads?limit=1')).status()).toBe(403)
  expect((await viewer.get('/api/leads/export')).status()).toBeGreaterThanOrEqual(400)
  expect((await viewer.patch(`/api/pages/${page.id}`, { title: 'Hijacked' })).status()).toBe(403)
  const viewerLeads = await viewer.graphql('{ Leads { docs { email } } }')
  expect(viewerLeads.errors?.[0]?.message).toMatch(/not allowed/i)

  // Marketer: leads and content yes; site settings and users no.
  expect((await marketer.get('/api/leads?limit=1')).status()).toBe(200)
  expect((await marketer.get('/api/leads/export')).status()).toBe(200)
  const marketerLeads = await marketer.graphql('{ Leads { docs { email } } }')
  expect(marketerLeads.errors).toBeUndefined()
  expect((await marketer.patch(`/api/pages/${page.id}`, { title: page.title })).status()).toBe(200)
  // Site settings: a marketer's save changes only the notification preferences.
  const settings = await marketer.post('/api/globals/site-settings', {
    consentMode: true,
    notifyEmails: 'marketing@example.com',
  })
  expect(settings.status()).toBe(200)
  const savedSettings = (await settings.json()).result
  expect(savedSettings).toMatchObject({ consentMode: false, notifyEmails: 'marketing@example.com' })
  await marketer.post('/api/globals/site-settings', { notifyEmails: '' })
  expect(
    (
      await marketer.post('/api/users', {
        email: `sneaky-${stamp}@example.com`,
        password: 'sneaky-password-1',
        role: 'admin',
      })
    ).status(),
  ).toBe(403)
  const users = await marketer.graphql('{ Users { docs { email } } }')
  expect(users.data.Users.docs.map((u: { email: string }) => u.email)).toEqual([
    `marketer-${stamp}@example.com`,
  ])
})

test('a refused save over REST says what to fix, field by field', async ({
  playwright,
  baseURL,
}) => {
  const admin = await adminApi(playwright, baseURL!)
  const stamp = Date.now().toString(36)
  const page = await admin.create('pages', {
    title: 'Split page',
    slug: `split-${stamp}`,
    layout: [{ blockType: 'hero', headline: 'Split' }],
  })
  const a = await admin.create('variants', { name: 'A', page: page.id })
  const b = await admin.create('variants', { name: 'B', page: page.id })
  const experiment = await admin.create('experiments', {
    name: `Split ${stamp}`,
    page: page.id,
    status: 'running',
    variants: [
      { variant: a.id, trafficPercentage: 50 },
      { variant: b.id, trafficPercentage: 50 },
    ],
  })
  const refused = await admin
    .update('experiments', experiment.id, {
      variants: [
        { variant: a.id, trafficPercentage: 60 },
        { variant: b.id, trafficPercentage: 30 },
      ],
    })
    .then(
      () => 'saved',
      (error: Error) => error.message,
    )
  expect(refused).toMatch(/100/)
  expect(refused).toMatch(/"data":\{"errors":\[\{"path":"variants"/)
  await admin.update('experiments', experiment.id, { status: 'paused' })
  await admin.dispose()
})

test('Payload routes that are not for callers answer 4xx, not 5xx', async ({ request }) => {
  for (const [method, path] of [
    ['post', '/api/users/verify/x'],
    ['get', '/api/payload-migrations'],
    ['get', '/api/payload-migrations/1'],
    ['post', '/api/payload-migrations'],
  ] as const) {
    const response = await request[method](path)
    expect(response.status(), `${method} ${path}`).toBeGreaterThanOrEqual(400)
    expect(response.status(), `${method} ${path}`).toBeLessThan(500)
  }
})
