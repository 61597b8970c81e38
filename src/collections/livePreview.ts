import type { LivePreviewConfig } from 'payload'

/** The widths the live preview offers beside the form (Payload adds "Responsive"). */
export const previewBreakpoints: NonNullable<LivePreviewConfig['breakpoints']> = [
  { name: 'mobile', label: 'Mobile', width: 375, height: 667 },
  { name: 'tablet', label: 'Tablet', width: 768, height: 1024 },
  { name: 'desktop', label: 'Desktop', width: 1440, height: 900 },
]

/**
 * Autosave every 800 ms while the marketer types: each save is a draft (visitors keep the
 * published version) and refreshes the live preview.
 */
export const draftVersions = { maxPerDoc: 25, drafts: { autosave: { interval: 800 } } }

/**
 * A page's address with the latest draft shown to signed-in users (the proxy sends staff with
 * `?draft=1` or `?variant=` to the preview render; anyone else gets the published page).
 */
export const draftPreviewPath = (slug: string, variantId?: number | string) =>
  `/${slug === 'home' ? '' : encodeURIComponent(slug)}?draft=1${variantId != null ? `&variant=${encodeURIComponent(String(variantId))}` : ''}`
