import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { sql } from '@payloadcms/db-sqlite'
import { drizzle } from '@payloadcms/db-sqlite/drizzle/libsql'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { pageBySlug } from '@/lib/content/readers'
import { alterTableInPlace } from '@/lib/db/alterTableInPlace'
import { byAdapter } from '@/lib/db/byAdapter'
import { sqliteHandle } from '@/lib/db/handles'
import { loadAssignmentSnapshot } from '@/lib/experiments/loadSnapshot'
import { onInvalidation } from '@/lib/shared/invalidation'
import { mongoMigrations } from '@/migrations-mongodb'
import type { Experiment, Page } from '@/payload-types'
import { rejectionMessages } from '../helpers/errors'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
const expired: string[] = []

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  onInvalidation('drafts-test', (tags) => expired.push(...tags))
})
afterAll(async () => ctx?.cleanup())

const hero = (headline: string) => [{ blockType: 'hero' as const, headline }]
const slugOf = (prefix: string) => `${prefix}-${Date.now().toString(36)}`
const headlineOf = (page: Page | null) =>
  (page?.layout?.[0] as { headline?: string } | undefined)?.headline
const asAnonymous = { overrideAccess: false } as const

describe('drafts of pages', () => {
  it('keeps a page that was never published away from visitors, and shows it to staff', async () => {
    const slug = slugOf('draft-only')
    const page = await payload.create({
      collection: 'pages',
      data: { title: 'Not yet', slug, layout: hero('Secret launch') },
      draft: true,
    })
    expect(page._status).toBe('draft')
    expect(await pageBySlug.forRequest(payload, slug)).toBeNull()
    const anonymous = await payload.find({
      collection: 'pages',
      where: { slug: { equals: slug } },
      ...asAnonymous,
    })
    expect(anonymous.docs).toHaveLength(0)
    const [admin] = (await payload.find({ collection: 'users', limit: 1 })).docs
    const staff = await payload.find({
      collection: 'pages',
      where: { slug: { equals: slug } },
      overrideAccess: false,
      user: admin ?? (await makeAdmin()),
    })
    expect(staff.docs).toHaveLength(1)
    // The proxy does not know the slug either (unknown paths are answered without a render).
    const snapshot = await loadAssignmentSnapshot(payload)
    expect(snapshot.pageSlugs?.has(slug)).toBe(false)
  })

  it('serves the published version while a draft is edited, then the new one once published', async () => {
    const slug = slugOf('edited')
    const page = await payload.create({
      collection: 'pages',
      data: { _status: 'published', title: 'Live', slug, layout: hero('Published headline') },
    })
    expect(headlineOf(await pageBySlug.forRequest(payload, slug))).toBe('Published headline')

    expired.length = 0
    await payload.update({
      collection: 'pages',
      id: page.id,
      data: { layout: hero('Draft headline') },
      draft: true,
    })
    // A draft save (every autosave) expires no cache: visitors get what they got.
    expect(expired).toEqual([])
    expect(headlineOf(await pageBySlug.forRequest(payload, slug))).toBe('Published headline')
    const anonymous = await payload.findByID({ collection: 'pages', id: page.id, ...asAnonymous })
    expect(headlineOf(anonymous)).toBe('Published headline')
    const latest = await payload.findByID({ collection: 'pages', id: page.id, draft: true })
    expect(headlineOf(latest)).toBe('Draft headline')

    await payload.update({ collection: 'pages', id: page.id, data: { _status: 'published' } })
    expect(expired).toContain(`page:${slug}`)
    expect(headlineOf(await pageBySlug.forRequest(payload, slug))).toBe('Draft headline')
  })

  it('takes a page away from visitors when it is unpublished', async () => {
    const slug = slugOf('unpublish')
    const page = await payload.create({
      collection: 'pages',
      data: { _status: 'published', title: 'Going', slug, layout: hero('Here today') },
    })
    expect(await pageBySlug.forRequest(payload, slug)).not.toBeNull()
    expired.length = 0
    await payload.update({ collection: 'pages', id: page.id, data: { _status: 'draft' } })
    expect(expired).toContain(`page:${slug}`)
    expect(await pageBySlug.forRequest(payload, slug)).toBeNull()
  })
})

describe('drafts and running experiments', () => {
  it('refuses to run an experiment on an unpublished page or with an unpublished variant', async () => {
    const page = await makePage(payload)
    const control = await makeVariant(payload, page, 'Control')
    const unpublished = await payload.create({
      collection: 'variants',
      data: { name: 'Half-built', page: page.id, layout: hero('Not ready') },
      draft: true,
    })
    const message = await rejectionMessages(makeExperiment(payload, page, [control, unpublished]))
    expect(message).toMatch(/Variant "Half-built" is an unpublished draft; publish it before/)

    const draftPage = await payload.create({
      collection: 'pages',
      data: { title: 'Draft page', slug: slugOf('draft-page'), layout: hero('x') },
      draft: true,
    })
    const a = await makeVariant(payload, draftPage, 'A')
    const b = await makeVariant(payload, draftPage, 'B')
    expect(await rejectionMessages(makeExperiment(payload, draftPage, [a, b]))).toMatch(
      /The page "Draft page" is an unpublished draft/,
    )
    // As a draft experiment it may be prepared all the same.
    const prepared = await makeExperiment(payload, page, [control, unpublished], {
      status: 'draft',
    })
    expect(prepared.status).toBe('draft')
  })

  it('logs published content changes of a running variant, not its drafts', async () => {
    const page = await makePage(payload)
    const control = await makeVariant(payload, page, 'Control')
    const challenger = await makeVariant(payload, page, 'Challenger', 'First words')
    const experiment = await makeExperiment(payload, page, [control, challenger])
    const changeLog = async () =>
      (
        (await payload.findByID({ collection: 'experiments', id: experiment.id })) as Experiment
      ).changeLog?.filter((entry) => entry.kind === 'content') ?? []

    await payload.update({
      collection: 'variants',
      id: challenger.id,
      data: { layout: hero('Trying words') },
      draft: true,
    })
    expect(await changeLog()).toHaveLength(0)
    await payload.update({
      collection: 'variants',
      id: challenger.id,
      data: { _status: 'published' },
    })
    const entries = await changeLog()
    expect(entries).toHaveLength(1)
    expect(entries[0].note).toBe('Content of "Challenger" edited while running')
  })

  it('refuses to unpublish a page or a variant that a running experiment serves', async () => {
    const page = await makePage(payload)
    const control = await makeVariant(payload, page, 'Control')
    const challenger = await makeVariant(payload, page, 'Challenger', 'Bold')
    await makeExperiment(payload, page, [control, challenger], { name: 'Serving' })

    expect(
      await rejectionMessages(
        payload.update({ collection: 'variants', id: challenger.id, data: { _status: 'draft' } }),
      ),
    ).toMatch(/This variant is served by the running experiment "Serving"; pause or complete it/)
    expect(
      await rejectionMessages(
        payload.update({ collection: 'pages', id: page.id, data: { _status: 'draft' } }),
      ),
    ).toMatch(/This page is served by the running experiment "Serving"/)

    // Refused before anything was written: both are still published.
    const variant = await payload.findByID({ collection: 'variants', id: challenger.id })
    const stored = await payload.findByID({ collection: 'pages', id: page.id })
    expect([variant._status, stored._status]).toEqual(['published', 'published'])
    // So is a bulk unpublish (the list view's selection) that includes it.
    expect(
      await rejectionMessages(
        payload.update({
          collection: 'variants',
          where: { page: { equals: page.id } },
          data: { _status: 'draft' },
        }),
      ),
    ).toMatch(/served by the running experiment "Serving"/)
    // A draft of the running variant is fine (visitors keep the published one).
    const draft = await payload.update({
      collection: 'variants',
      id: challenger.id,
      data: { layout: hero('Next idea') },
      draft: true,
    })
    expect(draft._status).toBe('draft')
  })
})

describe('documents from before drafts', () => {
  it('are published after the migration (MongoDB: documents without a status)', async () => {
    const slug = slugOf('legacy')
    const page = await payload.create({
      collection: 'pages',
      data: { _status: 'published', title: 'Legacy', slug, layout: hero('Old but public') },
    })
    await byAdapter(payload, {
      // SQLite's migration sets the status in SQL (checked on a real old database in
      // tests/e2e via the production build); here, the rule that reads a missing status as
      // published is what matters.
      sqlite: async () => {
        await sqliteHandle(payload).drizzle.run(
          sql`UPDATE pages SET _status = NULL WHERE id = ${Number(page.id)}`,
        )
      },
      mongodb: async () => {
        const pages = (
          payload.db as unknown as {
            collections: Record<
              string,
              { collection: { updateOne(f: object, u: object): Promise<unknown> } }
            >
          }
        ).collections.pages.collection
        await pages.updateOne({ _id: page.id }, { $unset: { _status: 1 } })
      },
    })
    // Served before the migration ran (a status-less page counts as published)…
    expect(headlineOf(await pageBySlug.forRequest(payload, slug))).toBe('Old but public')
    const anonymous = await payload.find({
      collection: 'pages',
      where: { slug: { equals: slug } },
      ...asAnonymous,
    })
    expect(anonymous.docs).toHaveLength(1)
    // …and published by it on MongoDB.
    await byAdapter(payload, {
      sqlite: async () => undefined,
      mongodb: async () => {
        const migration = mongoMigrations.find((m) => m.name.endsWith('_drafts'))!
        await migration.up({ payload, req: { payload } } as never)
        const stored = await payload.findByID({ collection: 'pages', id: page.id })
        expect(stored._status).toBe('published')
      },
    })
  })
})

describe('alterTableInPlace (SQLite migrations)', () => {
  // A SQLite file of its own, whatever database the suite runs on (MongoDB has no tables).
  it('drops NOT NULL and adds columns without touching rows that reference the table', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'splitpage-alter-'))
    const db = drizzle({
      connection: { url: `file:${path.join(dir, 'alter.db')}` },
    }) as unknown as {
      run(query: unknown): Promise<unknown>
      all<T>(query: unknown): Promise<T[]>
      transaction<T>(work: (tx: unknown) => Promise<T>): Promise<T>
    }
    await db.run(sql.raw('PRAGMA foreign_keys = ON'))
    const setUp = async (prefix: string) => {
      await db.run(
        sql.raw(
          `CREATE TABLE ${prefix}_parent (id integer PRIMARY KEY NOT NULL, title text NOT NULL)`,
        ),
      )
      await db.run(
        sql.raw(
          `CREATE TABLE ${prefix}_child (id integer PRIMARY KEY, parent_id integer NOT NULL REFERENCES ${prefix}_parent(id) ON DELETE cascade)`,
        ),
      )
      await db.run(
        sql.raw(
          `CREATE TABLE ${prefix}_link (id integer PRIMARY KEY, parent_id integer REFERENCES ${prefix}_parent(id) ON DELETE set null)`,
        ),
      )
      await db.run(sql.raw(`INSERT INTO ${prefix}_parent VALUES (1, 'kept')`))
      await db.run(sql.raw(`INSERT INTO ${prefix}_child VALUES (1, 1)`))
      await db.run(sql.raw(`INSERT INTO ${prefix}_link VALUES (1, 1)`))
    }
    const survivors = async (prefix: string) => ({
      children: (await db.all(sql.raw(`SELECT * FROM ${prefix}_child`))).length,
      links: (
        await db.all<{ parent_id: number | null }>(sql.raw(`SELECT parent_id FROM ${prefix}_link`))
      ).map((row) => row.parent_id),
    })

    // What drizzle-kit generates (copy, DROP, rename) inside a migration's transaction: the
    // PRAGMA is a no-op there, and the DROP deletes and unlinks the referencing rows.
    await setUp('gen')
    await db.transaction(async (tx) => {
      const t = tx as typeof db
      await t.run(sql.raw('PRAGMA foreign_keys=OFF'))
      await t.run(
        sql.raw('CREATE TABLE __new_gen_parent (id integer PRIMARY KEY NOT NULL, title text)'),
      )
      await t.run(sql.raw('INSERT INTO __new_gen_parent SELECT id, title FROM gen_parent'))
      await t.run(sql.raw('DROP TABLE gen_parent'))
      await t.run(sql.raw('ALTER TABLE __new_gen_parent RENAME TO gen_parent'))
    })
    const generated = await survivors('gen')
    console.log('[drafts] drizzle-kit rebuild inside a transaction:', generated)
    expect(generated).toEqual({ children: 0, links: [null] })

    await setUp('inplace')
    await db.transaction(async (tx) => {
      await alterTableInPlace(
        tx as never,
        'inplace_parent',
        "CREATE TABLE `inplace_parent` (\n  `id` integer PRIMARY KEY NOT NULL,\n  `title` text,\n  `_status` text DEFAULT 'draft'\n)",
      )
    })
    expect(await survivors('inplace')).toEqual({ children: 1, links: [1] })
    const columns = await db.all<{ name: string; notnull: number; dflt_value: string | null }>(
      sql.raw('PRAGMA table_info(inplace_parent)'),
    )
    expect(columns.map((c) => [c.name, c.notnull])).toEqual([
      ['id', 1],
      ['title', 0],
      ['_status', 0],
    ])
    await db.run(sql.raw('INSERT INTO inplace_parent (id) VALUES (2)'))
    const [integrity] = await db.all<{ integrity_check: string }>(sql.raw('PRAGMA integrity_check'))
    expect(integrity.integrity_check).toBe('ok')

    // Anything it cannot do in place is refused (and the transaction rolled back).
    await expect(
      db.transaction((tx) =>
        alterTableInPlace(
          tx as never,
          'inplace_parent',
          'CREATE TABLE `inplace_parent` (\n  `id` integer PRIMARY KEY NOT NULL\n)',
        ),
      ),
    ).rejects.toThrow(/columns removed \(title, _status\)/)
    fs.rmSync(dir, { recursive: true, force: true })
  })
})

async function makeAdmin() {
  return payload.create({
    collection: 'users',
    data: {
      email: `drafts-${Date.now()}@example.com`,
      password: 'long-enough-pass',
      role: 'admin',
    },
  })
}
