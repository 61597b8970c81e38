import type { Page, Variant } from '@/payload-types'

/** One block of a page or variant layout (the union of every block type). */
export type LayoutBlock = Page['layout'][number]

/** The layout a variant shows: its own blocks, or its page's when it has none (a control). */
export function layoutFor(page: Page, variant: Variant | null): LayoutBlock[] {
  return variant?.layout && variant.layout.length > 0 ? variant.layout : page.layout
}
