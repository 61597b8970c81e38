import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import { notFound } from 'next/navigation'

import { LandingPage } from '@/blocks/LandingPage'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { layoutFor } from '@/lib/content/layout'
import { getPayloadSecret } from '@/lib/env'
import { cookieStoreGetter, readVisitor } from '@/lib/visitor/readVisitor'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { getPayloadClient } from '@/lib/payload'

type Args = {
  params: Promise<{ slug: string }>
  searchParams: Promise<{ variant?: string | string[] }>
}

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { robots: { index: false } }

/**
 * `?variant=<id>` for logged-in users: any variant of the page, whatever the experiment says.
 * Anyone else gets exactly what they would get without the parameter.
 */
export default async function PreviewPage({ params, searchParams }: Args) {
  const [{ slug }, { variant: requested }, payload] = await Promise.all([
    params,
    searchParams,
    getPayloadClient(),
  ])
  const { user } = await payload.auth({ headers: await headers() })
  const variantId =
    typeof requested === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(requested) ? requested : null

  if (user && variantId) {
    const [{ docs }, variant] = await Promise.all([
      payload.find({ collection: 'pages', where: { slug: { equals: slug } }, depth: 1, limit: 1 }),
      payload.findByID({ collection: 'variants', id: variantId, depth: 1, disableErrors: true }),
    ])
    const page = docs[0]
    if (!page) notFound()
    const variantPage =
      variant && (typeof variant.page === 'object' ? variant.page?.id : variant.page)
    if (variant && String(variantPage) === String(page.id)) {
      return <LandingPage page={page} layout={layoutFor(page, variant)} variantId={variant.id} />
    }
    return <LandingPage page={page} layout={page.layout} />
  }

  const visitor = readVisitor(cookieStoreGetter(await cookies()), getPayloadSecret())
  const { visitorId } = getOrCreateVisitorId(visitor.id)
  const assigned = await getAssignedVariant(payload, {
    pageSlug: slug,
    visitorId,
    sticky: visitor.sticky,
  })
  if (!assigned) notFound()
  return (
    <LandingPage
      page={assigned.page}
      layout={assigned.layout}
      experimentId={assigned.experiment?.id}
      variantId={assigned.variant?.id}
    />
  )
}
