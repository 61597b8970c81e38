import type { Metadata } from 'next'
import { notFound } from 'next/navigation'

import { LandingPage } from '@/blocks/LandingPage'
import { WelcomePage } from '@/components/WelcomePage'
import { pageBySlug } from '@/lib/content/readers'

type Args = { params: Promise<{ slug: string }> }

// Pages render on first request and stay static until their cache tags are revalidated; the
// interval is only a safety net for changes made outside this server (e.g. `npm run seed`).
export const revalidate = 300
export const dynamicParams = true
export function generateStaticParams() {
  return []
}

export async function generateMetadata({ params }: Args): Promise<Metadata> {
  const { slug } = await params
  const page = await pageBySlug.forRender(slug)
  if (!page) return { title: slug === 'home' ? 'Welcome to Splitpage' : 'Page not found' }
  return { title: page.meta?.title || page.title, description: page.meta?.description || undefined }
}

export default async function SlugPage({ params }: Args) {
  const { slug } = await params
  const page = await pageBySlug.forRender(slug)
  if (!page && slug === 'home') return <WelcomePage />
  if (!page) notFound()
  return <LandingPage page={page} layout={page.layout} />
}
