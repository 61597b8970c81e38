/** Paths the app itself owns; a page with one of these slugs could never be reached. */
export const RESERVED_SLUGS = ['admin', 'api', 'vr', 'preview', 'next', '_next', 'favicon.ico']

const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

/** Returns what is wrong with a slug, or null when it is usable in a URL. */
export function slugProblem(slug: unknown): string | null {
  if (typeof slug !== 'string' || slug.length === 0) return 'A slug is required.'
  if (slug.length > 80) return 'A slug can be at most 80 characters long.'
  if (!SLUG_PATTERN.test(slug)) {
    return `"${slug}" is not URL-safe: use lowercase letters, digits and single hyphens (e.g. spring-sale).`
  }
  if (RESERVED_SLUGS.includes(slug))
    return `"${slug}" is reserved by Splitpage; choose another slug.`
  return null
}

/** Turns a title into a slug suggestion ("Spring Sale!" → "spring-sale"). */
export function slugify(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
}
