import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { DEFAULT_ADMIN_EMAIL, seed } from '@/seed'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

describe('seed', () => {
  it('fills an empty database with an admin and landing pages using every block', async () => {
    const result = await seed(payload)
    expect(result.seeded).toBe(true)
    expect(result.admin.email).toBe(DEFAULT_ADMIN_EMAIL)

    const login = await payload.login({
      collection: 'users',
      data: { email: result.admin.email, password: result.admin.password! },
    })
    expect(login.token).toBeTruthy()
    expect(login.user?.role).toBe('admin')

    const { docs: pages } = await payload.find({ collection: 'pages', depth: 1 })
    expect(pages.map((p) => p.slug).sort()).toEqual(['home', 'webinar'])
    const home = pages.find((p) => p.slug === 'home')!
    expect(new Set(home.layout.map((b) => b.blockType))).toEqual(
      new Set(['hero', 'features', 'testimonials', 'cta', 'leadForm', 'richText']),
    )
    const hero = home.layout[0]
    expect(
      hero.blockType === 'hero' && typeof hero.image === 'object' && hero.image?.alt,
    ).toBeTruthy()

    const media = await payload.find({ collection: 'media' })
    expect(media.totalDocs).toBeGreaterThanOrEqual(4)
    expect(media.docs[0].sizes?.small?.url).toMatch(/\.png$/)
  })

  it('seeds a running demo experiment with two weeks of demo traffic', async () => {
    const { docs } = await payload.find({ collection: 'experiments', depth: 1 })
    expect(docs).toHaveLength(1)
    expect(docs[0]).toMatchObject({ name: 'Homepage headline', status: 'running' })
    const results = await getExperimentResults(payload, docs[0])
    expect(results.stats.totalVisitors).toBe(3000)
    expect(results.stats.arms.every((arm) => arm.conversions > 50)).toBe(true)
    expect(results.stats.srm.flagged).toBe(false)
    expect(results.series.length).toBeGreaterThanOrEqual(14)
  })

  it('does nothing to a database that already has content', async () => {
    const before = await payload.count({ collection: 'pages' })
    const result = await seed(payload)
    expect(result.seeded).toBe(false)
    expect((await payload.count({ collection: 'pages' })).totalDocs).toBe(before.totalDocs)
  })
})
