import { ResponsiveImage } from '@/components/ResponsiveImage'
import { safeHref } from '@/lib/content/safeHref'
import type { HeroBlock as HeroBlockProps } from '@/payload-types'

export function HeroBlock({ block, first }: { block: HeroBlockProps; first: boolean }) {
  const Heading = first ? 'h1' : 'h2'
  return (
    <section className="block hero" aria-labelledby={`hero-${block.id}`}>
      <div className="hero__text">
        {block.eyebrow && <p className="eyebrow">{block.eyebrow}</p>}
        <Heading id={`hero-${block.id}`} className="hero__headline">
          {block.headline}
        </Heading>
        {block.subheadline && <p className="hero__sub">{block.subheadline}</p>}
        {block.ctaLabel && (
          <a
            className="button button--primary"
            href={safeHref(block.ctaHref)}
            data-block-id={block.id}
          >
            {block.ctaLabel}
          </a>
        )}
      </div>
      <ResponsiveImage
        className="hero__image"
        media={block.image}
        sizes="(min-width: 900px) 50vw, 100vw"
        priority={first}
      />
    </section>
  )
}
