import { RichText } from '@payloadcms/richtext-lexical/react'

import type { RichTextBlock as RichTextBlockProps } from '@/payload-types'

export function RichTextBlock({ block }: { block: RichTextBlockProps }) {
  return (
    <section className="block prose">
      <RichText data={block.content} />
    </section>
  )
}
