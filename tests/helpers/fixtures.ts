import type { Payload } from 'payload'

import type { Experiment, Page, Variant } from '@/payload-types'

let counter = 0

export async function makePage(payload: Payload, headline = 'Page headline'): Promise<Page> {
  counter++
  return payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: `Page ${counter}`,
      slug: `page-${counter}-${Date.now().toString(36)}`,
      layout: [
        { blockType: 'hero', headline },
        { blockType: 'cta', heading: 'Ready?', buttonLabel: 'Go', buttonHref: '#go' },
      ],
    },
  })
}

export async function makeVariant(
  payload: Payload,
  page: Page,
  name: string,
  headline?: string,
): Promise<Variant> {
  return payload.create({
    collection: 'variants',
    data: {
      _status: 'published',
      name,
      page: page.id,
      layout: headline ? [{ blockType: 'hero', headline }] : [],
    },
  })
}

export async function makeExperiment(
  payload: Payload,
  page: Page,
  variants: Variant[],
  overrides: Partial<Experiment> = {},
): Promise<Experiment> {
  const share = Math.floor(100 / variants.length)
  return payload.create({
    collection: 'experiments',
    data: {
      name: `Experiment on ${page.title}`,
      page: page.id,
      status: 'running',
      variants: variants.map((variant, index) => ({
        variant: variant.id,
        trafficPercentage: index === 0 ? 100 - share * (variants.length - 1) : share,
      })),
      ...overrides,
    },
  })
}
