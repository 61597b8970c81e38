import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
const ids: Partial<Record<CollectionSlug, number | string>> = {}

// Anonymous access is evaluated by the same access functions for REST, GraphQL and the Local API
// with overrideAccess: false; the e2e suite checks REST and GraphQL over HTTP for the private ones.
const PUBLIC_READS = new Set<CollectionSlug>(['pages', 'media'])
const COLLECTIONS: CollectionSlug[] = [
  'pages',
  'variants',
  'experiments',
  'leads',
  'analytics-events',
  'experiment-exposures',
  'experiment-daily',
  'media',
  'users',
]

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  const page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Access',
      slug: 'access',
      layout: [{ blockType: 'hero', headline: 'x' }],
    },
  })
  ids.pages = page.id
  ids.variants = (
    await payload.create({
      collection: 'variants',
      data: { _status: 'published', name: 'v', page: page.id },
    })
  ).id
  ids.experiments = (
    await payload.create({
      collection: 'experiments',
      data: { name: 'e', page: page.id, status: 'draft' },
    })
  ).id
  ids.leads = (await payload.create({ collection: 'leads', data: { email: 'a@example.com' } })).id
  ids['analytics-events'] = (
    await payload.create({
      collection: 'analytics-events',
      data: { eventType: 'click', visitorId: 'x' },
    })
  ).id
  ids.users = (
    await payload.create({
      collection: 'users',
      data: { email: 'u@example.com', password: 'long-password-1', role: 'viewer' },
    })
  ).id
})
afterAll(async () => ctx?.cleanup())

describe('anonymous access to every collection and operation', () => {
  it.each(COLLECTIONS)('%s: only the intended public reads succeed', async (collection) => {
    const read = payload.find({ collection, overrideAccess: false, depth: 0 })
    if (PUBLIC_READS.has(collection)) await expect(read).resolves.toBeTruthy()
    else await expect(read).rejects.toThrow(/not allowed/i)

    await expect(
      payload.create({ collection, overrideAccess: false, data: {} as never }),
    ).rejects.toThrow(/not allowed/i)

    const id = ids[collection]
    if (id !== undefined) {
      await expect(
        payload.update({ collection, id, overrideAccess: false, data: {} as never }),
      ).rejects.toThrow(/not allowed/i)
      await expect(payload.delete({ collection, id, overrideAccess: false })).rejects.toThrow(
        /not allowed/i,
      )
    }
  })

  it('site settings are neither readable nor writable anonymously', async () => {
    await expect(
      payload.findGlobal({ slug: 'site-settings', overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
    await expect(
      payload.updateGlobal({
        slug: 'site-settings',
        overrideAccess: false,
        data: { consentMode: true },
      }),
    ).rejects.toThrow(/not allowed/i)
  })
})
