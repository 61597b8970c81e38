import type { Media } from '@/payload-types'

type Props = {
  media: Media | number | string | null | undefined
  sizes: string
  className?: string
  priority?: boolean
}

/** Renders a Payload image with the sizes Payload already generated as its srcset. */
export function ResponsiveImage({ media, sizes, className, priority }: Props) {
  if (!media || typeof media !== 'object' || !media.url) return null
  const candidates = Object.values(media.sizes ?? {})
    .filter((size) => size?.url && size.width)
    .map((size) => `${size!.url} ${size!.width}w`)
  if (media.width) candidates.push(`${media.url} ${media.width}w`)
  return (
    // Payload resizes on upload, so a plain <img> with srcset avoids a second optimisation pass.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      className={className}
      src={media.url}
      srcSet={candidates.join(', ') || undefined}
      sizes={sizes}
      alt={media.alt}
      width={media.width ?? undefined}
      height={media.height ?? undefined}
      loading={priority ? 'eager' : 'lazy'}
      fetchPriority={priority ? 'high' : undefined}
      decoding="async"
    />
  )
}
