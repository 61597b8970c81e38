import type { CollectionSlug, Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-sqlite'

import { byAdapter } from '@/lib/db/byAdapter'
import { sqliteHandle } from '@/lib/db/handles'
import { mongoMigrations } from '@/migrations-mongodb'
import type { User } from '@/payload-types'
import { startTestPayload, type TestPayload } from '../helpers/payload'

type Role = 'admin' | 'marketer' | 'viewer'
type Operation = 'read' | 'create' | 'update' | 'delete'

let ctx: TestPayload
let payload: Payload
const users = {} as Record<Role, User>
const ids: Partial<Record<CollectionSlug, number | string>> = {}

// Local API calls with `user` and overrideAccess: false run the same access functions as REST and
// GraphQL; tests/e2e/roles.e2e.ts checks a sample of them over HTTP.
const EDITORS: Role[] = ['admin', 'marketer']
const EVERYONE: Role[] = ['admin', 'marketer', 'viewer']
const NOBODY: Role[] = []
const MATRIX: [CollectionSlug, Record<Operation, Role[]>][] = [
  ['pages', { read: EVERYONE, create: EDITORS, update: EDITORS, delete: EDITORS }],
  ['variants', { read: EVERYONE, create: EDITORS, update: EDITORS, delete: EDITORS }],
  ['experiments', { read: EVERYONE, create: EDITORS, update: EDITORS, delete: EDITORS }],
  ['leads', { read: EDITORS, create: NOBODY, update: EDITORS, delete: ['admin'] }],
  ['analytics-events', { read: EVERYONE, create: NOBODY, update: NOBODY, delete: NOBODY }],
  ['experiment-exposures', { read: EVERYONE, create: NOBODY, update: NOBODY, delete: NOBODY }],
  ['experiment-daily', { read: EVERYONE, create: NOBODY, update: NOBODY, delete: NOBODY }],
]

let n = 0
/** Valid data for a new document of each collection. */
function newData(collection: CollectionSlug): Record<string, unknown> {
  n++
  switch (collection) {
    case 'pages':
      return { title: `P${n}`, slug: `roles-${n}`, layout: [{ blockType: 'hero', headline: 'x' }] }
    case 'variants':
      return { name: `V${n}`, page: ids.pages }
    case 'experiments':
      return { name: `E${n}`, page: ids.pages, status: 'draft' }
    case 'leads':
      return { email: `l${n}@example.com` }
    case 'analytics-events':
      return { eventType: 'click', visitorId: `v${n}` }
    case 'experiment-exposures':
      return { visitorId: `v${n}`, exposedDay: '2026-01-01' }
    default:
      return { day: '2026-01-01' }
  }
}
const updateData = (collection: CollectionSlug) =>
  collection === 'leads' ? { suspect: true } : collection === 'pages' ? { title: 'Changed' } : {}

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  for (const role of ['admin', 'marketer', 'viewer'] as Role[]) {
    users[role] = await payload.create({
      collection: 'users',
      // The first account asks to be a viewer: it must become an admin all the same.
      data: {
        email: `${role}@example.com`,
        password: `${role}-password-1`,
        role: role === 'admin' ? 'viewer' : role,
      },
    })
  }
  for (const [collection] of MATRIX) {
    ids[collection] = (await payload.create({ collection, data: newData(collection) as never })).id
  }
})
afterAll(async () => ctx?.cleanup())

describe('roles × collections × operations', () => {
  const cases = MATRIX.flatMap(([collection, allowed]) =>
    (['read', 'create', 'update', 'delete'] as Operation[]).flatMap((operation) =>
      EVERYONE.map(
        (role) => [collection, operation, role, allowed[operation].includes(role)] as const,
      ),
    ),
  )
  it.each(cases)('%s %s by a %s: allowed %s', async (collection, operation, role, allowed) => {
    const as = { user: { ...users[role], collection: 'users' }, overrideAccess: false } as const
    const attempt = async () => {
      if (operation === 'read') return payload.find({ collection, depth: 0, ...as })
      if (operation === 'create')
        return payload.create({ collection, data: newData(collection) as never, ...as })
      // A document of its own for each delete, so the matrix order does not matter.
      const id =
        operation === 'delete'
          ? (await payload.create({ collection, data: newData(collection) as never })).id
          : ids[collection]!
      if (operation === 'update')
        return payload.update({ collection, id, data: updateData(collection) as never, ...as })
      return payload.delete({ collection, id, ...as })
    }
    if (allowed) await expect(attempt()).resolves.toBeTruthy()
    else await expect(attempt()).rejects.toThrow(/not allowed|forbidden/i)
  })
})

describe('users and settings', () => {
  const as = (role: Role) =>
    ({ user: { ...users[role], collection: 'users' }, overrideAccess: false }) as const

  it('the first account is an admin whatever it asked for', () => {
    expect(users.admin.role).toBe('admin')
  })

  it('only an admin lists every user, creates or deletes users', async () => {
    expect((await payload.find({ collection: 'users', ...as('admin') })).totalDocs).toBe(3)
    for (const role of ['marketer', 'viewer'] as Role[]) {
      const { docs } = await payload.find({ collection: 'users', ...as(role) })
      expect(docs.map((u) => u.email)).toEqual([`${role}@example.com`])
      await expect(
        payload.create({
          collection: 'users',
          data: { email: `new-${role}@example.com`, password: 'x-password-1', role: 'admin' },
          ...as(role),
        }),
      ).rejects.toThrow(/not allowed/i)
      await expect(
        payload.delete({ collection: 'users', id: users.admin.id, ...as(role) }),
      ).rejects.toThrow(/not allowed|not found/i)
    }
  })

  it('nobody raises their own role; an admin sets roles', async () => {
    const self = await payload.update({
      collection: 'users',
      id: users.viewer.id,
      data: { name: 'Vera', role: 'admin' },
      ...as('viewer'),
    })
    expect(self).toMatchObject({ name: 'Vera', role: 'viewer' })
    await expect(
      payload.update({
        collection: 'users',
        id: users.admin.id,
        data: { name: 'Mallory' },
        ...as('marketer'),
      }),
    ).rejects.toThrow(/not allowed|not found/i)
    const promoted = await payload.update({
      collection: 'users',
      id: users.viewer.id,
      data: { role: 'marketer' },
      ...as('admin'),
    })
    expect(promoted.role).toBe('marketer')
    await payload.update({
      collection: 'users',
      id: users.viewer.id,
      data: { role: 'viewer' },
      overrideAccess: true,
    })
  })

  it('site settings: everyone logged in reads; admins change all, marketers only notifications', async () => {
    for (const role of EVERYONE)
      await expect(payload.findGlobal({ slug: 'site-settings', ...as(role) })).resolves.toBeTruthy()
    await expect(
      payload.updateGlobal({ slug: 'site-settings', data: { consentMode: false }, ...as('admin') }),
    ).resolves.toBeTruthy()
    await expect(
      payload.updateGlobal({ slug: 'site-settings', data: { consentMode: true }, ...as('viewer') }),
    ).rejects.toThrow(/not allowed/i)
    // A marketer's save keeps the admin-only settings as they were (field access) and changes
    // the notification preferences.
    const saved = await payload.updateGlobal({
      slug: 'site-settings',
      data: {
        consentMode: true,
        leadWebhookUrl: 'https://attacker.example/hook',
        internalIpRanges: '0.0.0.0/0',
        notifyEmails: 'marketing@example.com',
      },
      ...as('marketer'),
    })
    expect(saved.notifyEmails).toBe('marketing@example.com')
    const stored = await payload.findGlobal({ slug: 'site-settings', overrideAccess: true })
    expect(stored).toMatchObject({ consentMode: false, notifyEmails: 'marketing@example.com' })
    expect(stored.leadWebhookUrl ?? null).toBeNull()
    expect(stored.internalIpRanges ?? '').toBe('')
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { notifyEmails: '' },
      overrideAccess: true,
    })
  })
})

describe('accounts from before roles existed', () => {
  it('become admins through the data migration (the one MongoDB runs; SQLite has its own)', async () => {
    const legacy = await payload.create({
      collection: 'users',
      data: {
        email: `legacy-${Date.now()}@example.com`,
        password: 'long-password-1',
        role: 'viewer',
      },
      overrideAccess: true,
    })
    // Take the role away below Payload, as such an account is stored (Payload itself would
    // show the field's default when reading it back).
    const mongoUsers = () =>
      (
        payload.db as unknown as {
          collections: {
            users: {
              updateOne(f: object, u: object): Promise<unknown>
              findOne(f: object): { lean(): Promise<{ role?: string } | null> }
            }
          }
        }
      ).collections.users
    const storedRole = () =>
      byAdapter(payload, {
        sqlite: async () =>
          (
            await sqliteHandle(payload).drizzle.all<{ role: string | null }>(
              sql`SELECT role FROM users WHERE id = ${Number(legacy.id)}`,
            )
          )[0]?.role ?? null,
        mongodb: async () => (await mongoUsers().findOne({ _id: legacy.id }).lean())?.role ?? null,
      })
    // SQLite's schema has no room for one (its migration gave every row a role, the column is
    // NOT NULL); on MongoDB a document simply lacks the field.
    const roleless = await byAdapter(payload, {
      sqlite: async () => {
        await expect(
          sqliteHandle(payload).drizzle.run(
            sql`UPDATE users SET role = NULL WHERE id = ${Number(legacy.id)}`,
          ),
        ).rejects.toMatchObject({ cause: { code: 'SQLITE_CONSTRAINT_NOTNULL' } })
        return false
      },
      mongodb: async () => {
        await mongoUsers().updateOne({ _id: legacy.id }, { $unset: { role: 1 } })
        return true
      },
    })
    expect(await storedRole()).toBe(roleless ? null : 'viewer')
    const [migration] = mongoMigrations
    await migration.up({ payload, req: { payload } } as never)
    expect(await storedRole()).toBe(roleless ? 'admin' : 'viewer')
  })
})
