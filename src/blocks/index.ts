import { CallToActionBlock } from './CallToAction/config'
import { FeaturesBlock } from './Features/config'
import { HeroBlock } from './Hero/config'
import { LeadFormBlock } from './LeadForm/config'
import { RichTextBlock } from './RichText/config'
import { TestimonialsBlock } from './Testimonials/config'

/** Every block a page or a variant layout can use, in the order the admin offers them. */
export const layoutBlocks = [
  HeroBlock,
  FeaturesBlock,
  TestimonialsBlock,
  CallToActionBlock,
  LeadFormBlock,
  RichTextBlock,
]
