import { safeHref } from '@/lib/content/safeHref'
import type { CallToActionBlock as CallToActionBlockProps } from '@/payload-types'

export function CallToActionBlock({ block }: { block: CallToActionBlockProps }) {
  return (
    <section className="block cta" aria-labelledby={`cta-${block.id}`}>
      <h2 id={`cta-${block.id}`}>{block.heading}</h2>
      {block.text && <p>{block.text}</p>}
      <a
        className="button button--light"
        href={safeHref(block.buttonHref)}
        data-block-id={block.id}
      >
        {block.buttonLabel}
      </a>
    </section>
  )
}
