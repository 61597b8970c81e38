/** Keeps editor-entered links to http(s), mailto, tel, in-page anchors and site paths. */
export function safeHref(href: string | null | undefined): string {
  if (!href) return '#'
  const trimmed = href.trim()
  if (/^(#|\/(?!\/))/.test(trimmed)) return trimmed
  if (/^(https?:|mailto:|tel:)/i.test(trimmed)) return trimmed
  return '#'
}
