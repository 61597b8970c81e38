import { CallToActionBlock } from '@/blocks/CallToAction/Component'
import { FeaturesBlock } from '@/blocks/Features/Component'
import { HeroBlock } from '@/blocks/Hero/Component'
import { LeadFormBlock } from '@/blocks/LeadForm/Component'
import { RichTextBlock } from '@/blocks/RichText/Component'
import { TestimonialsBlock } from '@/blocks/Testimonials/Component'
import type { LayoutBlock } from '@/lib/content/layout'

export function RenderBlocks({
  blocks,
  pageId,
  qaToken,
}: {
  blocks: LayoutBlock[]
  pageId: string
  /** Set on a QA preview: its lead forms submit as tests. */
  qaToken?: string
}) {
  return blocks.map((block, index) => {
    const key = block.id ?? index
    switch (block.blockType) {
      case 'hero':
        return <HeroBlock key={key} block={block} first={index === 0} />
      case 'features':
        return <FeaturesBlock key={key} block={block} />
      case 'testimonials':
        return <TestimonialsBlock key={key} block={block} />
      case 'cta':
        return <CallToActionBlock key={key} block={block} />
      case 'leadForm':
        return <LeadFormBlock key={key} block={block} pageId={pageId} qaToken={qaToken} />
      case 'richText':
        return <RichTextBlock key={key} block={block} />
      default:
        return null
    }
  })
}
