import type { ReactNode } from 'react'

import { RenderBlocks } from '@/blocks/RenderBlocks'
import type { LayoutBlock } from '@/lib/content/layout'
import type { Page } from '@/payload-types'
import { TrackClicks } from '@/components/TrackClicks'

type Props = {
  page: Page
  layout: LayoutBlock[]
  experimentId?: number | string | null
  variantId?: number | string | null
  /** A preview's badge ("Preview of …"), shown fixed in a corner. */
  badge?: ReactNode
  /** A QA preview: forms submit as tests, and clicks are not tracked. */
  qaToken?: string
}

/** The public page: the chosen layout inside the page's landmarks, tagged with what was served. */
export function LandingPage({ page, layout, experimentId, variantId, badge, qaToken }: Props) {
  return (
    <main
      id="main"
      className="landing"
      data-page-id={String(page.id)}
      data-experiment-id={experimentId == null ? '' : String(experimentId)}
      data-variant-id={variantId == null ? '' : String(variantId)}
    >
      <RenderBlocks blocks={layout} pageId={String(page.id)} qaToken={qaToken} />
      {!qaToken && <TrackClicks />}
      {badge && (
        <aside className="preview-badge" role="status" aria-label="Preview">
          {badge}
        </aside>
      )}
    </main>
  )
}
