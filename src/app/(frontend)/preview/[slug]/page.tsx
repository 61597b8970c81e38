import type { Metadata } from 'next'
import { cookies, headers } from 'next/headers'
import { notFound } from 'next/navigation'

import { LandingPage } from '@/blocks/LandingPage'
import { LivePreviewRefresh } from '@/components/LivePreviewRefresh'
import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { layoutFor } from '@/lib/content/layout'
import { getPayloadSecret } from '@/lib/env'
import { cookieStoreGetter, readVisitor } from '@/lib/visitor/readVisitor'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
import { getPayloadClient } from '@/lib/payload'
import { QA_LINK_PROBLEM, resolveQaLink } from '@/lib/experiments/resolveQaLink'
import { idOf } from '@/lib/ids'

type Args = {
  params: Promise<{ slug: string }>
  searchParams: Promise<{
    variant?: string | string[]
    sp_qa?: string | string[]
    draft?: string | string[]
  }>
}

export const dynamic = 'force-dynamic'
export const metadata: Metadata = { robots: { index: false } }

/**
 * For logged-in users, `?variant=<id>` (any variant of the page, whatever the experiment says)
 * and `?draft=1` (the page itself) show the latest drafts: the admin's live preview frame.
 * `?sp_qa=<token>` (a shared QA link, checked by the proxy first): its variant for anyone, with
 * a badge, never counted. Anyone else gets exactly what they would get without the parameters.
 */
export default async function PreviewPage({ params, searchParams }: Args) {
  const [{ slug }, { variant: requested, sp_qa: qaToken, draft: wantsDraft }, payload] =
    await Promise.all([params, searchParams, getPayloadClient()])
  if (typeof qaToken === 'string')
    return <QaPreview payload={payload} slug={slug} token={qaToken} />
  const { user } = await payload.auth({ headers: await headers() })
  const variantId =
    typeof requested === 'string' && /^[A-Za-z0-9_-]{1,40}$/.test(requested) ? requested : null

  if (user && (variantId || wantsDraft === '1')) {
    // Signed in: the latest draft of the page (and of the variant), as the live preview shows
    // it beside the form, refreshed on every save.
    const [{ docs }, variant] = await Promise.all([
      payload.find({
        collection: 'pages',
        where: { slug: { equals: slug } },
        depth: 1,
        limit: 1,
        draft: true,
      }),
      variantId
        ? payload.findByID({
            collection: 'variants',
            id: variantId,
            depth: 1,
            draft: true,
            disableErrors: true,
          })
        : null,
    ])
    const page = docs[0]
    if (!page) notFound()
    const unpublished = (doc: { _status?: string | null }) =>
      doc._status === 'draft' ? ' — unpublished changes' : ''
    if (!variantId) {
      return (
        <LandingPage
          page={page}
          layout={page.layout}
          badge={
            <>
              <LivePreviewRefresh />
              <strong>Preview</strong> of this page’s latest draft{unpublished(page)} (logged in;
              not counted).
            </>
          }
        />
      )
    }
    const variantPage =
      variant && (typeof variant.page === 'object' ? variant.page?.id : variant.page)
    if (variant && String(variantPage) === String(page.id)) {
      return (
        <LandingPage
          page={page}
          layout={layoutFor(page, variant)}
          variantId={variant.id}
          badge={
            <>
              <LivePreviewRefresh />
              <strong>Preview</strong> of the variant “{variant.name}”{unpublished(variant)} (logged
              in; not counted).
            </>
          }
        />
      )
    }
    return (
      <LandingPage
        page={page}
        layout={page.layout}
        badge={
          <>
            <strong>Preview:</strong> no variant {variantId} on this page, so this is the page as it
            is.
          </>
        }
      />
    )
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

/** A QA link's page: the variant it names, or the page as it is with the reason it is not shown. */
async function QaPreview({
  payload,
  slug,
  token,
}: {
  payload: Awaited<ReturnType<typeof getPayloadClient>>
  slug: string
  token: string
}) {
  const [{ docs }, link] = await Promise.all([
    payload.find({ collection: 'pages', where: { slug: { equals: slug } }, depth: 1, limit: 1 }),
    resolveQaLink(payload, token),
  ])
  const page = docs[0]
  if (!page) notFound()
  if (link.ok && idOf(link.variant.page) === String(page.id)) {
    const until = new Date(link.expiresAt * 1000).toISOString().slice(0, 16).replace('T', ' ')
    return (
      <LandingPage
        page={page}
        layout={layoutFor(page, link.variant)}
        qaToken={token}
        badge={
          <>
            <strong>QA preview</strong> of “{link.variant.name}” in “{link.experiment.name}”. Not
            counted; a lead sent here is stored as a test. Link valid until {until} UTC.
          </>
        }
      />
    )
  }
  const problem = link.ok ? QA_LINK_PROBLEM.unknown : QA_LINK_PROBLEM[link.reason]
  return (
    <LandingPage
      page={page}
      layout={page.layout}
      badge={
        <>
          <strong>QA preview:</strong> {problem} This is the page as it is.
        </>
      }
    />
  )
}
