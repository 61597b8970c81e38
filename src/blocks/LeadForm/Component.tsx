import type { LeadFormBlock as LeadFormBlockProps } from '@/payload-types'
import { LeadFormClient } from '@/blocks/LeadForm/Component.client'

export function LeadFormBlock({
  block,
  pageId,
  qaToken,
}: {
  block: LeadFormBlockProps
  pageId: string
  qaToken?: string
}) {
  const headingId = `lead-form-${block.id}`
  return (
    <section className="block lead-form" id="signup" aria-labelledby={headingId}>
      <h2 id={headingId}>{block.heading || 'Get in touch'}</h2>
      {block.intro && <p>{block.intro}</p>}
      <LeadFormClient block={block} pageId={pageId} qaToken={qaToken} />
    </section>
  )
}
