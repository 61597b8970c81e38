import { ResponsiveImage } from '@/components/ResponsiveImage'
import type { FeaturesBlock as FeaturesBlockProps } from '@/payload-types'

export function FeaturesBlock({ block }: { block: FeaturesBlockProps }) {
  return (
    <section className="block features" aria-labelledby={`features-${block.id}`}>
      <h2 id={`features-${block.id}`}>{block.heading || 'Features'}</h2>
      {block.intro && <p className="section-intro">{block.intro}</p>}
      <ul className="features__grid">
        {block.items?.map((item) => (
          <li key={item.id} className="card">
            <ResponsiveImage
              className="card__image"
              media={item.image}
              sizes="(min-width: 900px) 33vw, 100vw"
            />
            <h3>{item.title}</h3>
            {item.description && <p>{item.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  )
}
