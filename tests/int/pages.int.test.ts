import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { rejectionMessages } from '../helpers/errors'
import { startTestPayload, type TestPayload } from '../helpers/payload'

const heroOnly = (headline: string) => [{ blockType: 'hero' as const, headline }]

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

describe('pages collection', () => {
  it('creates a page with blocks and meta', async () => {
    const page = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Launch',
        slug: 'launch',
        layout: heroOnly('Hello'),
        meta: { title: 'Launch!' },
      },
    })
    expect(page.slug).toBe('launch')
    expect(page.layout[0]).toMatchObject({ blockType: 'hero', headline: 'Hello' })
    expect(page.meta?.title).toBe('Launch!')
  })

  it('suggests a slug from the title when none is given', async () => {
    const page = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Spring Sale 2026!',
        layout: heroOnly('Sale'),
      } as never,
    })
    expect(page.slug).toBe('spring-sale-2026')
  })

  it('refuses a slug that is not URL-safe, saying how to fix it', async () => {
    expect(
      await rejectionMessages(
        payload.create({
          collection: 'pages',
          data: {
            _status: 'published',
            title: 'x',
            slug: 'Bad Slug',
            layout: heroOnly('x'),
          },
        }),
      ),
    ).toMatch(/not URL-safe/)
  })

  it('refuses a reserved slug', async () => {
    expect(
      await rejectionMessages(
        payload.create({
          collection: 'pages',
          data: {
            _status: 'published',
            title: 'x',
            slug: 'admin',
            layout: heroOnly('x'),
          },
        }),
      ),
    ).toMatch(/reserved/)
  })

  it('refuses a duplicate slug, naming the page that has it', async () => {
    await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Original',
        slug: 'dup',
        layout: heroOnly('a'),
      },
    })
    expect(
      await rejectionMessages(
        payload.create({
          collection: 'pages',
          data: {
            _status: 'published',
            title: 'Copy',
            slug: 'dup',
            layout: heroOnly('b'),
          },
        }),
      ),
    ).toMatch(/Another page \("Original"\) already uses the slug "dup"/)
  })

  it('lets a page keep its own slug on update', async () => {
    const page = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Keep',
        slug: 'keep',
        layout: heroOnly('a'),
      },
    })
    const updated = await payload.update({
      collection: 'pages',
      id: page.id,
      data: { title: 'Keep (edited)', slug: 'keep' },
    })
    expect(updated.title).toBe('Keep (edited)')
  })

  it('requires at least one block', async () => {
    await expect(
      payload.create({ collection: 'pages', data: { title: 'Empty', slug: 'empty', layout: [] } }),
    ).rejects.toThrow()
  })

  it('keeps versions of a page so an edit can be reverted', async () => {
    const page = await payload.create({
      collection: 'pages',
      data: {
        _status: 'published',
        title: 'Versioned',
        slug: 'versioned',
        layout: heroOnly('v1'),
      },
    })
    await payload.update({ collection: 'pages', id: page.id, data: { layout: heroOnly('v2') } })
    const versions = await payload.findVersions({
      collection: 'pages',
      where: { parent: { equals: page.id } },
    })
    expect(versions.totalDocs).toBeGreaterThanOrEqual(2)
  })
})

describe('pages access', () => {
  it('anyone can read pages', async () => {
    const result = await payload.find({ collection: 'pages', overrideAccess: false })
    expect(result.totalDocs).toBeGreaterThan(0)
  })

  it('anonymous visitors cannot create, update or delete pages', async () => {
    await expect(
      payload.create({
        collection: 'pages',
        overrideAccess: false,
        data: { title: 'Hack', slug: 'hack', layout: heroOnly('x') },
      }),
    ).rejects.toThrow(/not allowed/i)
    const { docs } = await payload.find({ collection: 'pages', limit: 1 })
    await expect(
      payload.update({
        collection: 'pages',
        id: docs[0].id,
        overrideAccess: false,
        data: { title: 'x' },
      }),
    ).rejects.toThrow(/not allowed/i)
    await expect(
      payload.delete({ collection: 'pages', id: docs[0].id, overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
  })

  it('anonymous visitors cannot list users', async () => {
    await payload.create({
      collection: 'users',
      data: { email: 'a@example.com', password: 'long-password-1', role: 'admin' },
    })
    await expect(payload.find({ collection: 'users', overrideAccess: false })).rejects.toThrow(
      /not allowed/i,
    )
  })

  it('media requires alt text', async () => {
    await expect(
      payload.create({ collection: 'media', data: {} as never, file: undefined as never }),
    ).rejects.toThrow()
  })
})
