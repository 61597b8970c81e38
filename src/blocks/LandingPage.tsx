import { RenderBlocks } from '@/blocks/RenderBlocks'
import type { LayoutBlock } from '@/lib/content/layout'
import type { Page } from '@/payload-types'
import { TrackClicks } from '@/components/TrackClicks'

type Props = {
  page: Page
  layout: LayoutBlock[]
  experimentId?: number | string | null
  variantId?: number | string | null
}

/** The public page: the chosen layout inside the page's landmarks, tagged with what was served. */
export function LandingPage({ page, layout, experimentId, variantId }: Props) {
  return (
    <main
      id="main"
      className="landing"
      data-page-id={String(page.id)}
      data-experiment-id={experimentId == null ? '' : String(experimentId)}
      data-variant-id={variantId == null ? '' : String(variantId)}
    >
      <RenderBlocks blocks={layout} pageId={String(page.id)} />
      <TrackClicks />
    </main>
  )
}
