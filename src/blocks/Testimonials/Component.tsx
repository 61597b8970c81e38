import { ResponsiveImage } from '@/components/ResponsiveImage'
import type { TestimonialsBlock as TestimonialsBlockProps } from '@/payload-types'

export function TestimonialsBlock({ block }: { block: TestimonialsBlockProps }) {
  return (
    <section className="block testimonials" aria-labelledby={`testimonials-${block.id}`}>
      <h2 id={`testimonials-${block.id}`}>{block.heading || 'What our customers say'}</h2>
      <div className="testimonials__grid">
        {block.items?.map((item) => (
          <figure key={item.id} className="testimonial">
            <blockquote>
              <p>{item.quote}</p>
            </blockquote>
            <figcaption>
              <ResponsiveImage className="avatar" media={item.avatar} sizes="48px" />
              <span>
                <strong>{item.author}</strong>
                {item.role && <span className="muted">{item.role}</span>}
              </span>
            </figcaption>
          </figure>
        ))}
      </div>
    </section>
  )
}
