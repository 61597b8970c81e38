import { describe, expect, it } from 'vitest'

import { isKeepable, variantHtmlCache, type LoadedPage } from '@/lib/experiments/variantHtml'

const html = (cache: string | null, status = 200, type = 'text/html; charset=utf-8') => {
  const headers = new Headers({ 'content-type': type, 'cache-control': 'private, no-store' })
  if (cache) headers.set('x-nextjs-cache', cache)
  return { status, headers }
}

/** A cache on a hand-moved clock, whose loads answer when the test says. */
function setup(
  options: { ttlMs?: number; quietMs?: number; retryMs?: number; maxEntries?: number } = {},
) {
  let time = 1_000_000
  const loads: { path: string; answer(page: LoadedPage): void; fail(): void }[] = []
  const cache = variantHtmlCache({
    now: () => time,
    load: (path) =>
      new Promise<LoadedPage>((resolve, reject) =>
        loads.push({ path, answer: resolve, fail: () => reject(new Error('refused')) }),
      ),
    ...options,
  })
  const page = (body: string, cacheHeader: string | null = 'HIT', status = 200): LoadedPage => ({
    ...html(cacheHeader, status),
    body: async () => new TextEncoder().encode(body).buffer as ArrayBuffer,
  })
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0))
  const text = (path: string) => {
    const copy = cache.get(path)
    return copy ? new TextDecoder().decode(copy.body) : null
  }
  return {
    cache,
    loads,
    page,
    settle,
    text,
    advance: (ms: number) => (time += ms),
  }
}

describe('isKeepable', () => {
  it.each([
    ['HIT', 200, 'text/html; charset=utf-8', true],
    ['MISS', 200, 'text/html; charset=utf-8', true],
    // Next served an expired copy while it renders a new one: never kept.
    ['STALE', 200, 'text/html; charset=utf-8', false],
    // Rendered per request (no page cache): not a page to keep.
    [null, 200, 'text/html; charset=utf-8', false],
    ['HIT', 404, 'text/html; charset=utf-8', false],
    ['HIT', 500, 'text/html; charset=utf-8', false],
    ['HIT', 200, 'text/x-component', false],
  ])('x-nextjs-cache %s, status %i, %s → %s', (cache, status, type, keep) => {
    const answer = html(cache, status, type)
    expect(isKeepable(answer.status, answer.headers)).toBe(keep)
  })
})

describe('variantHtmlCache', () => {
  it('answers null while it fills a copy once, then serves that copy', async () => {
    const { cache, loads, page, settle, text } = setup()
    expect(text('/vr/a')).toBeNull()
    expect(text('/vr/a')).toBeNull()
    expect(loads.map((l) => l.path)).toEqual(['/vr/a'])
    loads[0].answer(page('<p>A</p>'))
    await settle()
    expect(text('/vr/a')).toBe('<p>A</p>')
    expect(cache.size()).toBe(1)
    expect(loads).toHaveLength(1)
  })

  it('keeps the page headers but not those of the transfer, and gives the length', async () => {
    const { cache, loads, settle } = setup()
    cache.get('/vr/a')
    const headers = new Headers({
      'content-type': 'text/html; charset=utf-8',
      'x-nextjs-cache': 'HIT',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'self'",
      vary: 'rsc, Accept-Encoding',
      'content-encoding': 'gzip',
      'content-length': '999',
      'transfer-encoding': 'chunked',
      date: 'Thu, 26 Nov 2026 17:00:00 GMT',
      connection: 'keep-alive',
      'keep-alive': 'timeout=5',
      'set-cookie': 'x=1',
      'x-middleware-rewrite': '/vr/a',
    })
    loads[0].answer({
      status: 200,
      headers,
      body: async () => new Uint8Array([60, 112, 62]).buffer,
    })
    await settle()
    expect(Object.fromEntries(cache.get('/vr/a')!.headers)).toEqual({
      'content-type': 'text/html; charset=utf-8',
      'x-nextjs-cache': 'HIT',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'self'",
      vary: 'rsc, Accept-Encoding',
      'content-length': '3',
    })
  })

  it.each([
    ['STALE', 200],
    [null, 200],
    ['HIT', 404],
  ])(
    'does not keep an answer with x-nextjs-cache %s and status %i, and retries later',
    async (header, status) => {
      const { loads, page, settle, text, advance } = setup({ retryMs: 1_000 })
      text('/vr/a')
      loads[0].answer(page('<p>old</p>', header, status))
      await settle()
      expect(text('/vr/a')).toBeNull()
      // Not asked again at once (each request would otherwise ask the server again)…
      expect(loads).toHaveLength(1)
      advance(1_000)
      // …but after the pause.
      expect(text('/vr/a')).toBeNull()
      expect(loads).toHaveLength(2)
      loads[1].answer(page('<p>new</p>'))
      await settle()
      expect(text('/vr/a')).toBe('<p>new</p>')
    },
  )

  it('keeps serving by rewrite when the server cannot answer itself', async () => {
    const { loads, settle, text, advance } = setup({ retryMs: 1_000 })
    text('/vr/a')
    loads[0].fail()
    await settle()
    expect(text('/vr/a')).toBeNull()
    expect(loads).toHaveLength(1)
    advance(1_000)
    text('/vr/a')
    expect(loads).toHaveLength(2)
  })

  it('drops every copy on a content change and serves none for the quiet time after it', async () => {
    const { cache, loads, page, settle, text, advance } = setup({ quietMs: 2_000 })
    text('/vr/a')
    text('/vr/b')
    loads[0].answer(page('<p>A1</p>'))
    loads[1].answer(page('<p>B1</p>'))
    await settle()
    expect(text('/vr/a')).toBe('<p>A1</p>')
    cache.invalidate()
    expect(cache.size()).toBe(0)
    // Another instance's page cache may hear of the change a moment later: no fill yet.
    expect(text('/vr/a')).toBeNull()
    expect(loads).toHaveLength(2)
    advance(2_000)
    expect(text('/vr/a')).toBeNull()
    expect(loads).toHaveLength(3)
    loads[2].answer(page('<p>A2</p>'))
    await settle()
    expect(text('/vr/a')).toBe('<p>A2</p>')
  })

  it('does not keep a fill that was under way when the content changed', async () => {
    const { cache, loads, page, settle, text, advance } = setup({ quietMs: 2_000 })
    text('/vr/a')
    cache.invalidate()
    // The answer was rendered before the change: it must not be served after it.
    loads[0].answer(page('<p>before the change</p>'))
    await settle()
    advance(2_000)
    expect(text('/vr/a')).toBeNull()
    expect(loads).toHaveLength(2)
    loads[1].answer(page('<p>after the change</p>'))
    await settle()
    expect(text('/vr/a')).toBe('<p>after the change</p>')
  })

  it('serves a copy for ttlMs at most, then fills it again', async () => {
    const { loads, page, settle, text, advance } = setup({ ttlMs: 30_000 })
    text('/vr/a')
    loads[0].answer(page('<p>1</p>'))
    await settle()
    advance(29_999)
    expect(text('/vr/a')).toBe('<p>1</p>')
    advance(1)
    expect(text('/vr/a')).toBeNull()
    expect(loads).toHaveLength(2)
    loads[1].answer(page('<p>2</p>'))
    await settle()
    expect(text('/vr/a')).toBe('<p>2</p>')
  })

  it('keeps at most maxEntries copies, dropping the oldest', async () => {
    const { cache, loads, page, settle, text } = setup({ maxEntries: 2 })
    for (const path of ['/vr/a', '/vr/b', '/vr/c']) {
      text(path)
      loads.at(-1)!.answer(page(path))
      await settle()
    }
    expect(cache.size()).toBe(2)
    expect(text('/vr/b')).toBe('/vr/b')
    expect(text('/vr/c')).toBe('/vr/c')
    expect(text('/vr/a')).toBeNull()
  })
})
