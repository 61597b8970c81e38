import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { LandingPage } from '@/blocks/LandingPage'
import { getPayloadSecret } from '@/lib/env'
import { layoutFor } from '@/lib/content/layout'
import { parseVariantKey, variantPathToken } from '@/lib/experiments/paths'
import { experimentById, pageBySlug, variantById } from '@/lib/content/readers'
import { idOf } from '@/lib/ids'

type Args = { params: Promise<{ key: string }> }

// One static page per variant (its key: token~slug~experiment~variant, see variantPath),
// rendered on first request and kept until its content's cache tags are revalidated. The proxy
// rewrites visitors here; anything else gets a 404.
export const revalidate = 300
export const dynamicParams = true
export function generateStaticParams() {
  return []
}

async function load(params: Args['params']) {
  const parts = parseVariantKey((await params).key)
  if (!parts || parts.token !== variantPathToken(getPayloadSecret())) return null
  const { slug, experimentId, variantId } = parts
  const [page, variant, experiment] = await Promise.all([
    pageBySlug.forRender(slug),
    variantById.forRender(variantId),
    experimentById.forRender(experimentId),
  ])
  if (!page || !variant || !experiment) return null
  // Only variants that a running experiment serves on this page are shown here.
  const serves =
    experiment.status === 'running' &&
    idOf(experiment.page) === String(page.id) &&
    idOf(variant.page) === String(page.id) &&
    (experiment.variants ?? []).some((row) => idOf(row.variant) === String(variant.id))
  return serves ? { page, variant, experimentId } : null
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
