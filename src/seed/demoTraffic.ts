// Demo traffic: the seeded running experiment and two weeks of labelled events for it.
import type { Payload } from 'payload'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import type { QueuedEvent } from '@/lib/db/events'
import type { Page } from '@/payload-types'

/** A running 50/50 headline test on the home page: the control shows the page as it is. */
export async function seedDemoExperiment(payload: Payload, home: Page) {
  const control = await payload.create({
    collection: 'variants',
    data: {
      _status: 'published',
      name: 'Control (page as is)',
      page: home.id,
    },
    context: { disableRevalidate: true },
  })
  const copy = await payload.create({
    collection: 'variants',
    data: {
      _status: 'published',
      name: 'Outcome headline',
      page: home.id,
      copyPageLayout: true,
    },
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
