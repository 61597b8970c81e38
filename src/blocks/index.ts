import { CallToActionBlockConfig } from '@/blocks/CallToAction/config'
import { FeaturesBlockConfig } from '@/blocks/Features/config'
import { HeroBlockConfig } from '@/blocks/Hero/config'
import { LeadFormBlockConfig } from '@/blocks/LeadForm/config'
import { RichTextBlockConfig } from '@/blocks/RichText/config'
import { TestimonialsBlockConfig } from '@/blocks/Testimonials/config'

/** Every block a page or a variant layout can use, in the order the admin offers them. */
export const layoutBlocks = [
  HeroBlockConfig,
  FeaturesBlockConfig,
  TestimonialsBlockConfig,
  CallToActionBlockConfig,
  LeadFormBlockConfig,
  RichTextBlockConfig,
]
