import { CONSENT_COOKIE } from '@/lib/visitor/consent'
import { decodePageView, PAGE_VIEW_COOKIE } from '@/lib/visitor/pageViewStamp'
import { ASSIGNMENTS_COOKIE, decodeAssignments, type StickyAssignments } from '@/lib/visitor/sticky'
import { isValidVisitorId, VISITOR_COOKIE } from '@/lib/visitor/visitorId'

/** Every cookie Splitpage sets on a visitor. */
export const VISITOR_COOKIES = [
  VISITOR_COOKIE,
  ASSIGNMENTS_COOKIE,
  PAGE_VIEW_COOKIE,
  CONSENT_COOKIE,
] as const

/** Reads one cookie's value by name, wherever the cookies come from. */
export type CookieGetter = (name: string) => string | undefined

/** What a visitor's cookies say, each part checked (signatures bound to the visitor id). */
export type Visitor = {
  /** The visitor id, when the cookie holds a valid one. */
  readonly id: string | null
  /** Variants this visitor was given (signed for this id; {} when absent or forged). */
  readonly sticky: StickyAssignments
  /** When the visitor last viewed a page (signed), or null. */
  readonly pageViewAt: number | null
  /** Accepted tracking in the consent banner (only asked in consent mode). */
  readonly consented: boolean
}

/**
 * The one reader of visitor cookies (the proxy, the tracking route, the lead action, the preview
 * page). Signed parts are verified only when read, so the proxy pays for what it uses.
 */
export function readVisitor(cookie: CookieGetter, secret: string): Visitor {
  const raw = cookie(VISITOR_COOKIE)
  const id = isValidVisitorId(raw) ? raw : null
  let sticky: StickyAssignments | undefined
  let pageViewAt: number | null | undefined
  return {
    id,
    get sticky() {
      return (sticky ??= id ? decodeAssignments(cookie(ASSIGNMENTS_COOKIE), id, secret) : {})
    },
    get pageViewAt() {
      if (pageViewAt === undefined)
        pageViewAt = id ? decodePageView(cookie(PAGE_VIEW_COOKIE), id, secret) : null
      return pageViewAt
    },
    consented: cookie(CONSENT_COOKIE) === 'yes',
  }
}

/** Cookies from a `Cookie:` request header. */
/**
 * Cookie values as Next sets and reads them: URL-encoded (the assignments cookie `1:2,2:4.sig`
 * travels as `1%3A2%2C2%3A4.sig`). Undecoded, its signature never matched here, so the tracking
 * endpoint lost the visitor's assignments (found when an audience-targeted visitor's click came
 * back unattributed).
 */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value)
  } catch {
    return value
  }
}

export function cookieHeaderGetter(header: string | null): CookieGetter {
  let parsed: Map<string, string> | undefined
  return (name) => {
    if (!parsed) {
      parsed = new Map()
      for (const part of (header ?? '').split(';')) {
        const [key, ...rest] = part.trim().split('=')
        if (key && !parsed.has(key)) parsed.set(key, decodeCookieValue(rest.join('=')))
      }
    }
    return parsed.get(name)
  }
}

/** Cookies from Next's request cookie stores (`request.cookies`, `cookies()`). */
export const cookieStoreGetter =
  (store: { get(name: string): { value: string } | undefined }): CookieGetter =>
  (name) =>
    store.get(name)?.value
