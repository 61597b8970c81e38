import type { Payload } from 'payload'

import { bulkInsertEvents } from '../lib/db/bulkInsertEvents'
import type { QueuedEvent } from '../lib/tracking/queue'
import type { Media, Page } from '../payload-types'
import { drawDemoImage } from './images'
import { lexicalDocument } from './lexical'

export const DEFAULT_ADMIN_EMAIL = 'admin@splitpage.local'
export const DEFAULT_ADMIN_PASSWORD = 'splitpage-demo'

export type SeedResult = {
  seeded: boolean
  admin: { email: string; password: string | null }
  pages: Page[]
}

async function uploadDemoImage(
  payload: Payload,
  name: string,
  alt: string,
  colors: [string, string],
) {
  const data = await drawDemoImage(
    1600,
    1000,
    colors[0],
    colors[1],
    alt.split(' ').slice(0, 2).join(' '),
  )
  return payload.create({
    collection: 'media',
    data: { alt },
    file: { data, mimetype: 'image/png', name: `${name}.png`, size: data.length },
    context: { disableRevalidate: true },
  })
}

function homeLayout(images: { hero: Media['id']; a: Media['id']; b: Media['id'] }) {
  return [
    {
      blockType: 'hero' as const,
      eyebrow: 'A/B testing inside your CMS',
      headline: 'Landing pages that prove what works',
      subheadline:
        'Build pages from blocks, split traffic between variants, capture leads with full attribution and read results you can trust — all in one place.',
      ctaLabel: 'Start free',
      ctaHref: '#signup',
      image: images.hero,
    },
    {
      blockType: 'features' as const,
      heading: 'Everything a growth team needs',
      intro: 'No scripts to paste, no flicker, no data team required.',
      items: [
        {
          title: 'Server-side variants',
          description: 'Visitors get their variant in the first byte: no flicker, no layout shift.',
          image: images.a,
        },
        {
          title: 'Sticky assignment',
          description: 'The same visitor sees the same variant on every visit, across restarts.',
          image: images.b,
        },
        {
          title: 'Trustworthy results',
          description:
            'Visitor-level conversion rates, confidence intervals and sample-ratio checks.',
        },
      ],
    },
    {
      blockType: 'testimonials' as const,
      heading: 'Teams ship faster with Splitpage',
      items: [
        {
          quote:
            'We ran our first experiment the afternoon we installed it. Conversion went up 18%.',
          author: 'Priya Raman',
          role: 'Head of Growth, Lumen',
        },
        {
          quote: 'Finally an A/B tool that does not make our landing pages slower.',
          author: 'Jonas Weber',
          role: 'Performance Marketer, Kiteboard',
        },
      ],
    },
    {
      blockType: 'cta' as const,
      heading: 'Ready to find your best page?',
      text: 'Set up your first experiment in minutes.',
      buttonLabel: 'Get early access',
      buttonHref: '#signup',
    },
    {
      blockType: 'leadForm' as const,
      heading: 'Get early access',
      intro: 'Leave your email and we will set up your workspace.',
      fields: [
        { name: 'name', label: 'Your name', type: 'text' as const, required: false },
        { name: 'company', label: 'Company', type: 'text' as const, required: false },
      ],
      submitLabel: 'Request access',
      successMessage: 'Thanks! Check your inbox for the next steps.',
    },
    {
      blockType: 'richText' as const,
      content: lexicalDocument([
        { kind: 'h2', text: 'Frequently asked' },
        { kind: 'h3', text: 'Does it slow my pages down?' },
        {
          kind: 'p',
          text: 'No. Variants are chosen on the server and served as static pages, so visitors get the same speed as a page without an experiment.',
        },
        { kind: 'h3', text: 'What do you store about visitors?' },
        {
          kind: 'p',
          text: 'A random visitor id in a first-party cookie, the variant they saw, and what they chose to tell you in a form.',
        },
      ]),
    },
  ]
}

function webinarLayout(heroImage: Media['id']) {
  return [
    {
      blockType: 'hero' as const,
      eyebrow: 'Free webinar',
      headline: 'Run your first A/B test in 30 minutes',
      subheadline: 'A live walkthrough: from a hypothesis to a result you can act on.',
      ctaLabel: 'Save my seat',
      ctaHref: '#signup',
      image: heroImage,
    },
    {
      blockType: 'features' as const,
      heading: 'What you will learn',
      items: [
        {
          title: 'Write a testable hypothesis',
          description: 'And pick the one metric that matters.',
        },
        { title: 'Size your test', description: 'How many visitors you need before you look.' },
        { title: 'Read the result', description: 'Lift, confidence and when to stop.' },
      ],
    },
    {
      blockType: 'testimonials' as const,
      items: [
        { quote: 'The clearest intro to experimentation I have seen.', author: 'Sam Okafor' },
      ],
    },
    {
      blockType: 'cta' as const,
      heading: 'Seats are limited',
      buttonLabel: 'Reserve a seat',
      buttonHref: '#signup',
    },
    {
      blockType: 'leadForm' as const,
      heading: 'Reserve your seat',
      fields: [{ name: 'role', label: 'Your role', type: 'text' as const, required: true }],
      submitLabel: 'Reserve my seat',
      successMessage: 'You are in! The calendar invite is on its way.',
    },
    {
      blockType: 'richText' as const,
      content: lexicalDocument([
        { kind: 'p', text: 'The session is recorded; everyone who registers gets the replay.' },
      ]),
    },
  ]
}

/** A running 50/50 headline test on the home page: the control shows the page as it is. */
async function seedDemoExperiment(payload: Payload, home: Page) {
  const control = await payload.create({
    collection: 'variants',
    data: { name: 'Control (page as is)', page: home.id },
    context: { disableRevalidate: true },
  })
  const copy = await payload.create({
    collection: 'variants',
    data: { name: 'Outcome headline', page: home.id, copyPageLayout: true },
    context: { disableRevalidate: true },
  })
  const layout = (copy.layout ?? []).map((block) =>
    block.blockType === 'hero'
      ? {
          ...block,
          headline: 'Double your sign-ups without touching code',
          ctaLabel: 'Show me how',
        }
      : block,
  )
  await payload.update({
    collection: 'variants',
    id: copy.id,
    data: { layout },
    context: { disableRevalidate: true },
  })
  const days = 14
  const experiment = await payload.create({
    collection: 'experiments',
    data: {
      name: 'Homepage headline',
      page: home.id,
      hypothesis:
        'An outcome-focused headline makes more visitors request access than a feature one. (The first two weeks of results are seeded demo data.)',
      status: 'running',
      startDate: new Date(Date.now() - days * 86_400_000).toISOString(),
      variants: [
        { variant: control.id, trafficPercentage: 50 },
        { variant: copy.id, trafficPercentage: 50 },
      ],
    },
    context: { disableRevalidate: true },
  })
  await bulkInsertEvents(
    payload,
    demoEvents({
      pageId: String(home.id),
      experimentId: String(experiment.id),
      arms: [
        { variantId: String(control.id), conversionRate: 0.05 },
        { variantId: String(copy.id), conversionRate: 0.068 },
      ],
      visitors: 3000,
      days,
    }),
  )
}

/**
 * Demo traffic for the seeded experiment, marked `metadata.demo = true`: visitors spread over
 * the past days, split 50/50, some returning, a share converting. Deterministic (fixed seed).
 */
function demoEvents(input: {
  pageId: string
  experimentId: string
  arms: { variantId: string; conversionRate: number }[]
  visitors: number
  days: number
}): QueuedEvent[] {
  let state = 20260101
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const events: QueuedEvent[] = []
  const start = Date.now() - input.days * 86_400_000
  for (let i = 0; i < input.visitors; i++) {
    const arm = input.arms[random() < 0.5 ? 0 : 1]
    const visitorId = `demo${String(i).padStart(17, '0')}`
    const seenAt = start + Math.floor(random() * (input.days * 86_400_000 - 3_600_000))
    const base = {
      page: input.pageId,
      experiment: input.experimentId,
      variant: arm.variantId,
      visitorId,
      metadata: { demo: true },
    }
    events.push({ ...base, eventType: 'impression', timestamp: new Date(seenAt).toISOString() })
    if (random() < 0.25) {
      events.push({
        ...base,
        eventType: 'impression',
        timestamp: new Date(seenAt + 600_000).toISOString(),
      })
    }
    if (random() < 0.12) {
      events.push({
        ...base,
        eventType: 'click',
        timestamp: new Date(seenAt + 60_000).toISOString(),
      })
    }
    if (random() < arm.conversionRate) {
      events.push({
        ...base,
        eventType: 'conversion',
        timestamp: new Date(seenAt + 120_000).toISOString(),
      })
    }
  }
  return events
}

/**
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

  await payload.create({ collection: 'users', data: { email, password, name: 'Demo Admin' } })

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
