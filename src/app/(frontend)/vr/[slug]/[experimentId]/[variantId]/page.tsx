import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { LandingPage } from '../../../../../../components/LandingPage'
import { layoutFor } from '../../../../../../lib/experiments/layoutFor'
import { getPageBySlug } from '../../../../../../lib/pages/getPageBySlug'
import { getVariantById } from '../../../../../../lib/pages/getVariantById'

type Args = { params: Promise<{ slug: string; experimentId: string; variantId: string }> }

// One static page per variant, rendered on first request and kept until its content's cache
// tags are revalidated. Only the proxy routes here (it refuses direct requests).
export const revalidate = 300
export const dynamicParams = true
export function generateStaticParams() {
  return []
}

async function load(params: Args['params']) {
  const { slug, experimentId, variantId } = await params
  const [page, variant] = await Promise.all([getPageBySlug(slug), getVariantById(variantId)])
  const pageOf = variant && (typeof variant.page === 'object' ? variant.page?.id : variant.page)
  if (!page || !variant || String(pageOf) !== String(page.id)) return null
  return { page, variant, experimentId }
}

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const data = await load(params)
  if (!data) return { title: 'Page not found' }
  const { page } = data
  return { title: page.meta?.title || page.title, description: page.meta?.description || undefined }
}

export default async function VariantPage({ params }: Args) {
  const data = await load(params)
  if (!data) notFound()
  const { page, variant, experimentId } = data
  return (
    <LandingPage
      page={page}
      layout={layoutFor(page, variant)}
      experimentId={experimentId}
      variantId={variant.id}
    />
  )
}
