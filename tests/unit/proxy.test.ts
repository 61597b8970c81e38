import { createHash } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'

import { SignJWT } from 'jose'
import { NextRequest, NextResponse } from 'next/server'
import { beforeEach, describe, expect, it, vi } from 'vitest'

import { getPayloadSecret } from '@/lib/env'
import { proxy } from '@/proxy'
import type { AssignmentSnapshot } from '@/lib/experiments/snapshot'
import { reloadSnapshot, setSnapshotLoader } from '@/lib/experiments/snapshotStore'
import { publishInvalidation } from '@/lib/shared/invalidation'
import { queueStats, takeEvents } from '@/lib/tracking/queue'

const VID = 'V1StGXR8_Z5jdHi6B-myT'
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36'

let snapshot: AssignmentSnapshot
const experiment = {
  id: '7',
  name: 'Headline',
  seed: 'seed',
  pageId: '1',
  pageSlug: 'home',
  status: 'running' as const,
  startDate: null,
  endDate: null,
  variants: [
    { id: '10', trafficPercentage: 50 },
    { id: '11', trafficPercentage: 50 },
  ],
}

async function useSnapshot(next: Partial<AssignmentSnapshot>) {
  snapshot = { experiments: [experiment], consentRequired: false, loadedAt: Date.now(), ...next }
  setSnapshotLoader(async () => snapshot)
  await reloadSnapshot()
}

function request(path: string, { cookie = '', ua = CHROME, method = 'GET', headers = {} } = {}) {
  return new NextRequest(`https://splitpage.test${path}`, {
    method,
    headers: { 'user-agent': ua, ...(cookie ? { cookie } : {}), ...headers },
  })
}

const rewrite = (response: Response) => response.headers.get('x-middleware-rewrite')
const setCookies = (response: Response) => response.headers.getSetCookie().join('\n')

beforeEach(async () => {
  await useSnapshot({})
  takeEvents(Number.MAX_SAFE_INTEGER)
})

describe('proxy', () => {
  it('gives a new visitor a vid cookie with safe flags and a variant of the running experiment', async () => {
    const response = await proxy(request('/'))
    expect(rewrite(response)).toMatch(/\/vr\/[A-Za-z0-9_-]{16}~home~7~1[01]$/)
    const cookies = setCookies(response)
    expect(cookies).toMatch(
      /vid=[A-Za-z0-9_-]{21}; Path=\/; Expires=.*; Max-Age=34560000; Secure; HttpOnly; SameSite=lax/i,
    )
    expect(cookies).toMatch(/spa=7(:|%3A)1[01]\./)
    expect(response.headers.get('cache-control')).toBe('private, no-store')
    expect(queueStats().waiting).toBe(1)
  })

  it("writes each cookie as Next's response.cookies.set would, once, and passes none to a GET render", async () => {
    const response = await proxy(request('/'))
    const lines = response.headers.getSetCookie()
    expect(lines.map((line) => line.split('=')[0])).toEqual(['vid', 'spv', 'spa'])
    // The same cookies set through Next's own call, for comparison (Expires may differ by the
    // second that passed in between).
    const next = NextResponse.next()
    for (const line of lines) {
      const [pair, , , maxAge] = line.split('; ')
      const [name, value] = pair.split('=')
      next.cookies.set(name, decodeURIComponent(value), {
        httpOnly: true,
        sameSite: 'lax',
        secure: true,
        path: '/',
        maxAge: Number(maxAge.split('=')[1]),
      })
    }
    const withoutExpires = (list: string[]) => list.map((l) => l.replace(/Expires=[^;]+/, ''))
    expect(withoutExpires(lines)).toEqual(withoutExpires(next.headers.getSetCookie()))
    for (const line of lines) {
      const expires = Date.parse(/Expires=([^;]+)/.exec(line)![1])
      const maxAge = Number(/Max-Age=(\d+)/.exec(line)![1])
      expect(Math.abs(expires - (Date.now() + maxAge * 1000))).toBeLessThan(5000)
    }
    // Prerendered pages read no cookie; only a server action's render is handed them.
    expect(response.headers.get('x-middleware-set-cookie')).toBeNull()
  })

  it("hands a server action's render the cookies the proxy set (Next's x-middleware-set-cookie)", async () => {
    const response = await proxy(
      request('/', {
        method: 'POST',
        headers: {
          origin: 'https://splitpage.test',
          host: 'splitpage.test',
          'content-length': '10',
        },
      }),
    )
    expect(response.status).toBe(200)
    const handed = response.headers.get('x-middleware-set-cookie') ?? ''
    expect(handed).toMatch(/vid=[A-Za-z0-9_-]{21}; Path=\/; Expires=.*; Max-Age=34560000/)
    expect(handed).toMatch(/spa=7%3A1[01]\./)
    expect(response.headers.getSetCookie().map((line) => line.split('=')[0])).toEqual([
      'vid',
      'spa',
    ])
  })

  it('replaces a malformed vid cookie', async () => {
    const response = await proxy(request('/', { cookie: 'vid=<script>' }))
    expect(setCookies(response)).toMatch(/vid=[A-Za-z0-9_-]{21};/)
  })

  it('keeps a returning visitor on the same variant without new cookies', async () => {
    const first = await proxy(request('/', { cookie: `vid=${VID}` }))
    const again = await proxy(request('/', { cookie: `vid=${VID}` }))
    expect(rewrite(again)).toBe(rewrite(first))
    expect(setCookies(again)).not.toMatch(/vid=/)
  })

  it('serves other pages as they are, and the home page from /home', async () => {
    expect(rewrite(await proxy(request('/webinar')))).toBeNull()
    await useSnapshot({ experiments: [] })
    expect(rewrite(await proxy(request('/')))).toMatch(/\/home$/)
  })

  it.each([
    ['a bot', { ua: 'Googlebot/2.1 (+http://www.google.com/bot.html)' }],
    ['a HEAD request', { method: 'HEAD' }],
    ['a Next.js prefetch', { headers: { 'next-router-prefetch': '1' } }],
    ['a browser prefetch', { headers: { 'sec-purpose': 'prefetch' } }],
    // Next strips its own prefetch and RSC headers before the proxy runs; the browser's Fetch
    // Metadata still says the router's fetch is not a document navigation.
    [
      'a router prefetch as the proxy sees it',
      { headers: { 'sec-fetch-dest': 'empty', 'sec-fetch-mode': 'cors' } },
    ],
  ])('records no impression for %s', async (_label, options) => {
    const response = await proxy(request('/', options))
    expect(rewrite(response)).toMatch(/\/vr\/[A-Za-z0-9_-]{16}~home~/)
    expect(queueStats().waiting).toBe(0)
  })

  it('audience rules: a visitor who does not match sees the page as it is, uncounted; an assigned one stays', async () => {
    await useSnapshot({
      experiments: [
        {
          ...experiment,
          audience: {
            match: 'all',
            rules: [{ attribute: 'utm_source', operator: 'is', value: 'google' }],
          },
        },
      ],
    })
    const outside = await proxy(request('/'))
    expect(rewrite(outside)).toMatch(/\/home$/)
    expect(setCookies(outside)).not.toMatch(/spa=/)
    expect(queueStats().waiting).toBe(0)

    const inside = await proxy(request('/?utm_source=google'))
    expect(rewrite(inside)).toMatch(/\/vr\/[A-Za-z0-9_-]{16}~home~7~1[01]\?utm_source=google$/)
    expect(queueStats().waiting).toBe(1)
    // Back without the parameter: the sticky assignment keeps the variant.
    const cookie = setCookies(inside)
      .split('\n')
      .map((line) => line.split(';')[0])
      .join('; ')
    const back = await proxy(request('/', { cookie }))
    expect(rewrite(back)?.split('?')[0]).toBe(rewrite(inside)?.split('?')[0])
  })

  it('records one impression for a document navigation', async () => {
    await proxy(
      request('/', { headers: { 'sec-fetch-dest': 'document', 'sec-fetch-mode': 'navigate' } }),
    )
    expect(queueStats().waiting).toBe(1)
  })

  it('records a visit to a goal page for the experiments the visitor is in, and only those', async () => {
    await useSnapshot({
      experiments: [{ ...experiment, goalPaths: ['/thank-you'] }],
      goalPaths: new Set(['/thank-you']),
    })
    const entered = await proxy(request('/', { cookie: `vid=${VID}` }))
    takeEvents(10)
    const spa = entered.headers
      .getSetCookie()
      .find((line) => line.startsWith('spa='))!
      .split(';')[0]
    await proxy(request('/thank-you', { cookie: `vid=${VID}; ${spa}` }))
    const [visit] = takeEvents(10)
    expect(visit).toMatchObject({
      eventType: 'pageview',
      eventName: '/thank-you',
      experiment: '7',
      visitorId: VID,
    })
    expect(['10', '11']).toContain(visit.variant)
    // Not in the experiment (no assignment), a bot, or another page: nothing.
    await proxy(request('/thank-you', { cookie: 'vid=zzzzzzzzzzzzzzzzzzzzz' }))
    await proxy(request('/thank-you', { cookie: `vid=${VID}; ${spa}`, ua: 'Googlebot/2.1' }))
    await proxy(request('/webinar', { cookie: `vid=${VID}; ${spa}` }))
    expect(takeEvents(10)).toEqual([])
  })

  it('records the segment once, on the impression of a first exposure', async () => {
    const mobile =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1'
    await proxy(request('/?utm_source=Newsletter', { ua: mobile }))
    const [first] = takeEvents(10)
    expect(first.metadata).toEqual({
      segment: { device: 'mobile', source: 'newsletter', visitor: 'new' },
    })
    // A known visitor's first exposure to this experiment: returning, from the referring site.
    const cookie = `vid=${VID}`
    const entered = await proxy(
      request('/', { cookie, headers: { referer: 'https://www.example.org/post' } }),
    )
    const [second] = takeEvents(10)
    expect(second.metadata).toEqual({
      segment: { device: 'desktop', source: 'example.org', visitor: 'returning' },
    })
    // Their next view carries no segment (the assignment cookie says they were exposed).
    const spa = entered.headers
      .getSetCookie()
      .find((line) => line.startsWith('spa='))!
      .split(';')[0]
    await proxy(request('/', { cookie: `${cookie}; ${spa}` }))
    const [third] = takeEvents(10)
    expect(third.eventType).toBe('impression')
    expect(third.metadata ?? null).toBeNull()
  })

  it('does not count staff: a signed login cookie, or an address in the internal ranges', async () => {
    const key = new TextEncoder().encode(
      createHash('sha256').update(getPayloadSecret()).digest('hex').slice(0, 32),
    )
    const now = Math.floor(Date.now() / 1000)
    const token = await new SignJWT({ id: 1 })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuedAt(now)
      .setExpirationTime(now + 600)
      .sign(key)
    const staff = await proxy(request('/', { cookie: `vid=${VID}; payload-token=${token}` }))
    expect(rewrite(staff)).toMatch(/\/vr\//)
    expect(queueStats().waiting).toBe(0)

    process.env.TRUSTED_PROXY_HOPS = '1'
    try {
      await useSnapshot({ internalRanges: ['192.0.2.0/24'] })
      await proxy(request('/', { headers: { 'x-forwarded-for': '192.0.2.10' } }))
      expect(queueStats().waiting).toBe(0)
      await proxy(request('/', { headers: { 'x-forwarded-for': '198.51.100.10' } }))
      expect(queueStats().waiting).toBe(1)
    } finally {
      delete process.env.TRUSTED_PROXY_HOPS
    }
  })

  it('refuses direct requests to the internal preview and variant paths', async () => {
    expect((await proxy(request('/preview/home'))).status).toBe(404)
    const served = rewrite(await proxy(request('/')))
    expect(served).toMatch(/\/vr\//)
    // The path a visitor can read in x-middleware-rewrite is no way around assignment.
    const direct = await proxy(request(new URL(served!, 'https://splitpage.test').pathname))
    expect(direct.status).toBe(404)
    expect(rewrite(direct)).toBeNull()
    expect(queueStats().waiting).toBe(1)
  })

  it('leaves deeper paths and file names alone', async () => {
    for (const path of ['/some/deep/path', '/file.txt']) {
      const response = await proxy(request(path))
      expect(rewrite(response)).toBeNull()
      expect(setCookies(response)).toBe('')
    }
  })

  it('sends every address that is no page to one not-found path, so 404s are not one per address', async () => {
    await useSnapshot({ pageSlugs: new Set(['home', 'webinar']) })
    for (const path of ['/nope', '/random-slug-123', '/Upper', '/%3Cscript%3E']) {
      const response = await proxy(request(path))
      expect(rewrite(response)).toMatch(/\/_not-a-page$/)
      expect(setCookies(response)).toBe('')
    }
    expect(rewrite(await proxy(request('/webinar')))).toBeNull()
    expect(rewrite(await proxy(request('/_not-a-page')))).toBeNull()
    // Without a page list (the database was never reached), slugs are passed on as before.
    await useSnapshot({})
    expect(rewrite(await proxy(request('/nope')))).toBeNull()
  })

  it('in consent mode sets no cookie, records nothing and shows the control until consent', async () => {
    await useSnapshot({ consentRequired: true })
    const before = await proxy(request('/'))
    expect(rewrite(before)).toMatch(/\/vr\/[A-Za-z0-9_-]{16}~home~7~10$/)
    expect(setCookies(before)).toBe('')
    expect(queueStats().waiting).toBe(0)

    const after = await proxy(request('/', { cookie: 'spc=yes' }))
    expect(setCookies(after)).toMatch(/vid=/)
    expect(queueStats().waiting).toBe(1)
  })

  it('serves the page layout when the configuration cannot be loaded', async () => {
    setSnapshotLoader(async () => {
      throw new Error('database down')
    })
    await reloadSnapshot()
    const response = await proxy(request('/webinar'))
    expect(response.status).toBe(200)
  })

  it('in production answers a variant document with the HTML its own server gave for it, and rewrites the rest', async () => {
    // The server the proxy asks for a variant's page (Next's own, in production).
    const asked: { path: string; internal: boolean }[] = []
    const server = createServer((req, res) => {
      asked.push({ path: req.url!, internal: Boolean(req.headers['x-splitpage-internal']) })
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'x-nextjs-cache': 'HIT',
        'cache-control': 'private, no-store',
        'set-cookie': 'not=kept',
      })
      res.end(`<main>${req.url}</main>`)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    // The same secret as the other cases (the variant path's token derives from it).
    vi.stubEnv('PAYLOAD_SECRET', getPayloadSecret())
    vi.stubEnv('NODE_ENV', 'production')
    vi.stubEnv(
      '__NEXT_PRIVATE_ORIGIN',
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    )
    const cookie = `vid=${VID}`
    try {
      const internalPath = (response: Response) => {
        const header = rewrite(response)
        return header && `${new URL(header).pathname}${new URL(header).search}`
      }
      const path = internalPath(await proxy(request('/', { cookie })))!
      expect(path).toMatch(/^\/vr\//)
      // Filled in the background, once, by an internal request for the variant's path.
      await vi.waitFor(async () =>
        expect(rewrite(await proxy(request('/', { cookie })))).toBeNull(),
      )
      expect(asked).toEqual([{ path, internal: true }])

      const copy = await proxy(request('/?utm_source=ad', { cookie }))
      expect(rewrite(copy)).toBeNull()
      expect(await copy.text()).toBe(`<main>${path}</main>`)
      expect(copy.headers.get('content-type')).toBe('text/html; charset=utf-8')
      expect(copy.headers.get('cache-control')).toBe('private, no-store')
      // The visitor's own cookies, never the copied answer's.
      expect(setCookies(copy)).toMatch(/spv=/)
      expect(setCookies(copy)).not.toMatch(/not=kept/)
      // Each view is still counted.
      takeEvents(Number.MAX_SAFE_INTEGER)
      await proxy(request('/', { cookie, headers: { 'sec-fetch-dest': 'document' } }))
      expect(takeEvents(10).map((event) => event.eventType)).toEqual(['impression'])

      // RSC payloads, prefetches, HEAD and conditional requests go to Next as before.
      for (const other of [
        request('/', { cookie, headers: { rsc: '1' } }),
        request('/', { cookie, headers: { 'next-router-prefetch': '1' } }),
        request('/?_rsc=abc', { cookie }),
        request('/', { cookie, headers: { 'if-none-match': '"x"' } }),
        request('/', { cookie, method: 'HEAD' }),
      ])
        expect(internalPath(await proxy(other))).toBe(
          other.nextUrl.search ? `${path}${other.nextUrl.search}` : path,
        )

      // A content change drops the copy: rewritten again.
      publishInvalidation(['variants'])
      expect(internalPath(await proxy(request('/', { cookie })))).toBe(path)
    } finally {
      vi.unstubAllEnvs()
      delete (globalThis as { __splitpage?: Record<string, unknown> }).__splitpage?.variantHtml
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
