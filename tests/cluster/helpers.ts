import http from 'node:http'
import type { AddressInfo } from 'node:net'

export const DESKTOP_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

/** Headers of a browser's top-level page load (a real view). */
export const pageHeaders = (cookie?: string): Record<string, string> => ({
  'user-agent': DESKTOP_UA,
  'sec-fetch-dest': 'document',
  ...(cookie ? { cookie } : {}),
})

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Polls `check` every `everyMs` until it returns true; resolves to the time taken, or null. */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, everyMs = 50) {
  const started = Date.now()
  while (Date.now() - started < timeoutMs) {
    if (await check().catch(() => false)) return Date.now() - started
    await sleep(everyMs)
  }
  return null
}

/** The cookies a response set, as a Cookie header (merged over earlier ones). */
export function mergeCookies(previous: string, response: Response): string {
  const jar = new Map(
    previous
      .split('; ')
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0], pair] as const),
  )
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0]
    jar.set(pair.split('=')[0], pair)
  }
  return [...jar.values()].join('; ')
}

export const variantOf = (html: string) => html.match(/data-variant-id="([^"]+)"/)?.[1] ?? null
export const experimentOf = (html: string) =>
  html.match(/data-experiment-id="([^"]+)"/)?.[1] ?? null

const decode = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')

/**
 * Submits the page's lead form as a browser without JavaScript does: the form's hidden inputs
 * (Next's server-action fields among them) plus the visitor's answers, posted to `postTo`.
 * Resolves to the message shown: the thank-you (`ok`) or the error.
 */
export async function submitLeadForm(
  html: string,
  { postTo, cookie, email }: { postTo: string; cookie: string; email: string },
) {
  const form = html.slice(html.indexOf('<form'), html.indexOf('</form>'))
  const body = new FormData()
  for (const match of form.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g))
    body.append(decode(match[1]), decode(match[2] ?? ''))
  body.append('email', email)
  body.append('name', 'Cluster Test')
  const origin = new URL(postTo).origin
  const response = await fetch(postTo, {
    method: 'POST',
    body,
    headers: { cookie, origin, 'user-agent': DESKTOP_UA, 'sec-fetch-dest': 'document' },
  })
  const page = await response.text()
  const thanked = page.match(/role="status"[^>]*>([^<]*)/)?.[1]
  const error = page.match(/role="alert"[^>]*>([^<]*)/)?.[1]
  return {
    status: response.status,
    ok: Boolean(thanked),
    message: thanked ?? error ?? `HTTP ${response.status}`,
    upstream: response.headers.get('x-upstream'),
  }
}

/** Admin REST access through any base URL. */
export async function adminSession(base: string) {
  const login = await fetch(`${base}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@splitpage.local', password: 'splitpage-demo' }),
  })
  if (!login.ok) throw new Error(`admin login failed: ${login.status}`)
  const { token } = (await login.json()) as { token: string }
  const call = async <T>(url: string, init: RequestInit = {}): Promise<T> => {
    const response = await fetch(url, {
      ...init,
      headers: {
        'content-type': 'application/json',
        authorization: `JWT ${token}`,
        ...(init.headers ?? {}),
      },
    })
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status}`)
    return (await response.json()) as T
  }
  return {
    token,
    get: <T>(target: string, path: string) => call<T>(`${target}${path}`),
    patch: <T>(target: string, path: string, data: unknown) =>
      call<T>(`${target}${path}`, { method: 'PATCH', body: JSON.stringify(data) }),
    post: <T>(target: string, path: string, data: unknown) =>
      call<T>(`${target}${path}`, { method: 'POST', body: JSON.stringify(data) }),
    async count(target: string, collection: string, where: Record<string, string>) {
      const query = Object.entries(where)
        .map(([field, value]) => `where[${field}][equals]=${encodeURIComponent(value)}`)
        .join('&')
      const result = await call<{ totalDocs: number }>(
        `${target}/api/${collection}?limit=1&depth=0&${query}`,
      )
      return result.totalDocs
    },
  }
}

/**
 * A webhook receiver on loopback that records each delivery id it is sent and answers 200, except
 * that a request for which `hold()` is true is never answered (the sender times out).
 */
export async function webhookReceiver(port: number, hold: () => boolean = () => false) {
  const deliveries: string[] = []
  const server = http.createServer((request, response) => {
    request.resume()
    request.on('end', () => {
      deliveries.push(String(request.headers['x-splitpage-delivery'] ?? ''))
      if (!hold()) response.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    deliveries,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
