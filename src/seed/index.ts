import type { Payload } from 'payload'

import { homeLayout, uploadDemoImage, webinarLayout } from '@/seed/content'
import { seedDemoExperiment } from '@/seed/demoTraffic'
import type { Page } from '@/payload-types'

export const DEFAULT_ADMIN_EMAIL = 'admin@splitpage.local'
export const DEFAULT_ADMIN_PASSWORD = 'splitpage-demo'

export type SeedResult = {
  seeded: boolean
  admin: { email: string; password: string | null }
  pages: Page[]
} /**
 * Demo content for an empty database: an admin user and landing pages using every block.
 * Does nothing to a database that already has pages or users.
 */
export async function seed(payload: Payload): Promise<SeedResult> {
  const email = process.env.SEED_ADMIN_EMAIL || DEFAULT_ADMIN_EMAIL
  const password = process.env.SEED_ADMIN_PASSWORD || DEFAULT_ADMIN_PASSWORD

  const [users, pages] = await Promise.all([
    payload.count({ collection: 'users', overrideAccess: true }),
    payload.count({ collection: 'pages', overrideAccess: true }),
  ])
  if (users.totalDocs > 0 || pages.totalDocs > 0) {
    return { seeded: false, admin: { email, password: null }, pages: [] }
  }

  await payload.create({
    collection: 'users',
    data: { email, password, name: 'Demo Admin', role: 'admin' },
  })

  const [hero, a, b, webinar] = await Promise.all([
    uploadDemoImage(payload, 'hero', 'Dashboard preview with two page variants', [
      '#3b3ff2',
      '#8f3cf7',
    ]),
    uploadDemoImage(payload, 'variants', 'Two variants side by side', ['#0f8a5f', '#2bb3a3']),
    uploadDemoImage(payload, 'sticky', 'Returning visitor sees the same page', [
      '#f2603b',
      '#f7b23c',
    ]),
    uploadDemoImage(payload, 'webinar', 'Webinar host at a whiteboard', ['#1f2a44', '#3b3ff2']),
  ])

  const home = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Home',
      slug: 'home',
      layout: homeLayout({ hero: hero.id, a: a.id, b: b.id }),
      meta: {
        title: 'Splitpage — landing pages that prove what works',
        description: 'Build landing pages, run A/B experiments and capture leads inside your CMS.',
      },
    },
    context: { disableRevalidate: true },
  })
  const webinarPage = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Webinar: your first A/B test',
      slug: 'webinar',
      layout: webinarLayout(webinar.id),
      meta: {
        title: 'Free webinar — your first A/B test',
        description: 'A live 30-minute walkthrough.',
      },
    },
    context: { disableRevalidate: true },
  })

  await seedDemoExperiment(payload, home)

  return { seeded: true, admin: { email, password }, pages: [home, webinarPage] }
}
