import type { Payload, PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-sqlite'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { byAdapter } from '@/lib/db/byAdapter'
import { mongoModels, sqliteHandle } from '@/lib/db/handles'
import { customEventCounts } from '@/lib/db/customEvents'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { rebuildRollups } from '@/lib/db/rebuildRollups'
import { pruneOldEvents } from '@/lib/tracking/pruneOldEvents'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { changeExperimentStatus, promoteWinner, runAgain } from '@/lib/experiments/lifecycle'
import { optimiseRunningExperiments } from '@/lib/experiments/optimiseTraffic'
import type { QueuedEvent } from '@/lib/db/events'
import { sampleRatioMismatch } from '@/lib/stats/experimentStats'
import { idOf } from '@/lib/ids'
import { migrations } from '@/migrations'
import { mongoMigrations } from '@/migrations-mongodb'
import type { Experiment, User, Variant } from '@/payload-types'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload
let user: User

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
  user = await payload.create({
    collection: 'users',
    data: { email: 'marketer@example.com', password: 'long-password-1', role: 'marketer' },
  })
})
afterAll(async () => ctx?.cleanup())

const asUser = () =>
  ({ user: { ...user, collection: 'users' } }) as unknown as Partial<PayloadRequest>

async function experimentWithVariants(headlines: (string | null)[] = [null, 'B']) {
  const page = await makePage(payload, 'Original')
  const variants: Variant[] = []
  for (const [i, headline] of headlines.entries()) {
    variants.push(await makeVariant(payload, page, `Arm ${i}`, headline ?? undefined))
  }
  const experiment = await makeExperiment(payload, page, variants)
  return { page, variants, experiment }
}

describe('experiment metrics from the database', () => {
  it('count exposed and converted visitors, and raw events, per variant and day (hand-counted fixture)', async () => {
    const { page, variants, experiment } = await experimentWithVariants()
    const [a, b] = variants.map((v) => String(v.id))
    const e = String(experiment.id)
    const p = String(page.id)
    const event = (
      type: QueuedEvent['eventType'],
      variant: string,
      visitorId: string,
      timestamp: string,
    ) => ({
      eventType: type,
      page: p,
      experiment: e,
      variant,
      visitorId,
      timestamp,
    })
    await bulkInsertEvents(payload, [
      // A: v1 seen on day 1 (twice) and converts on day 2; v2 seen on day 1; v3 converts unseen.
      event('impression', a, 'v1', '2026-03-01T10:00:00.000Z'),
      event('impression', a, 'v1', '2026-03-02T09:00:00.000Z'),
      event('conversion', a, 'v1', '2026-03-02T10:00:00.000Z'),
      event('impression', a, 'v2', '2026-03-01T11:00:00.000Z'),
      event('conversion', a, 'v3', '2026-03-02T12:00:00.000Z'),
      // B: v4 seen and converts (twice) on day 2; v5 seen on day 3 and clicks.
      event('impression', b, 'v4', '2026-03-02T10:00:00.000Z'),
      event('conversion', b, 'v4', '2026-03-02T10:05:00.000Z'),
      event('conversion', b, 'v4', '2026-03-03T10:05:00.000Z'),
      event('impression', b, 'v5', '2026-03-03T10:00:00.000Z'),
      event('click', b, 'v5', '2026-03-03T10:01:00.000Z'),
    ])
    const metrics = await experimentMetrics(payload, e)
    const byVariant = Object.fromEntries(metrics.variants.map((m) => [m.variant, m]))
    expect(byVariant[a]).toEqual({
      variant: a,
      visitors: 2,
      conversions: 1,
      impressions: 3,
      conversionEvents: 2,
      clicks: 0,
      // No lead values in this fixture.
      valueSum: 0,
      valueSumSquares: 0,
    })
    expect(byVariant[b]).toEqual({
      variant: b,
      visitors: 2,
      conversions: 1,
      impressions: 2,
      conversionEvents: 2,
      clicks: 1,
      valueSum: 0,
      valueSumSquares: 0,
    })
    expect(metrics.daily).toEqual(
      [
        { day: '2026-03-01', variant: a, visitors: 2, conversions: 0 },
        { day: '2026-03-02', variant: a, visitors: 0, conversions: 1 },
        { day: '2026-03-02', variant: b, visitors: 1, conversions: 1 },
        { day: '2026-03-03', variant: b, visitors: 1, conversions: 0 },
      ].sort((x, y) => x.day.localeCompare(y.day) || x.variant.localeCompare(y.variant)),
    )

    // The rollups maintained while writing agree with a full recount from the raw events
    // (`npm run rollups:rebuild`), which starts from empty rollups.
    expect(await rebuildRollups(payload, [e])).toEqual({ experiments: 1, events: 10 })
    const rebuilt = await experimentMetrics(payload, e)
    expect(rebuilt.variants).toEqual(expect.arrayContaining(metrics.variants))
    expect(rebuilt.variants).toHaveLength(metrics.variants.length)
    expect(rebuilt.daily).toEqual(metrics.daily)

    const results = await getExperimentResults(
      payload,
      await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 }),
    )
    expect(
      results.stats.arms.map((arm) => [arm.visitors, arm.conversions, arm.conversionRate]),
    ).toEqual([
      [2, 1, 0.5],
      [2, 1, 0.5],
    ])
    expect(results.series.at(-1)).toMatchObject({ day: '2026-03-03', [a]: 0.5, [b]: 0.5 })
    expect(results.series[0]).toMatchObject({ day: '2026-03-01', [a]: 0, [b]: null })
  })

  it('counts a conversion written with a lead, once per visitor, in the rollups', async () => {
    const { page, variants, experiment } = await experimentWithVariants()
    const [a] = variants.map((v) => String(v.id))
    const e = String(experiment.id)
    await bulkInsertEvents(payload, [
      {
        eventType: 'impression',
        page: String(page.id),
        experiment: e,
        variant: a,
        visitorId: 'lead-v',
        timestamp: '2026-04-01T10:00:00.000Z',
      },
    ])
    const { recordLead } = await import('@/lib/leads/recordLead')
    for (const key of ['k1', 'k2']) {
      await recordLead(
        payload,
        {
          email: `${key}@example.com`,
          page: page.id,
          experiment: experiment.id,
          variant: variants[0].id,
          visitorId: 'lead-v',
          idempotencyKey: key,
        },
        {
          page: page.id,
          experiment: experiment.id,
          variant: variants[0].id,
          visitorId: 'lead-v',
          timestamp: '2026-04-02T10:00:00.000Z',
        },
      )
    }
    const metrics = await experimentMetrics(payload, e)
    expect(metrics.variants.find((m) => m.variant === a)).toMatchObject({
      visitors: 1,
      conversions: 1,
      conversionEvents: 2,
    })
    await rebuildRollups(payload, [e])
    expect(await experimentMetrics(payload, e)).toEqual(metrics)
  })

  it('stores and counts a redelivered event once (same event id), on every adapter', async () => {
    const { page, variants, experiment } = await experimentWithVariants()
    const e = String(experiment.id)
    const at = '2026-04-01T10:00:00.000Z'
    const batch: QueuedEvent[] = ['r1', 'r2', 'r3'].map((visitorId, i) => ({
      id: `redelivery-${e}-${i}`,
      eventType: 'impression',
      page: String(page.id),
      experiment: e,
      variant: String(variants[i % 2].id),
      visitorId,
      timestamp: at,
    }))
    const click: QueuedEvent = { ...batch[0], id: `redelivery-${e}-click`, eventType: 'click' }
    expect(await bulkInsertEvents(payload, [...batch, click])).toBe(4)
    const once = await experimentMetrics(payload, e)
    // The whole batch again (a consumer killed before its acknowledgement), and part of it
    // mixed with a new event: only the new one is stored and counted.
    expect(await bulkInsertEvents(payload, [...batch, click])).toBe(0)
    const fresh: QueuedEvent = { ...batch[1], id: `redelivery-${e}-new`, visitorId: 'r4' }
    expect(await bulkInsertEvents(payload, [batch[0], fresh, batch[0]])).toBe(1)
    const stored = await payload.count({
      collection: 'analytics-events',
      where: { experiment: { equals: e } },
    })
    expect(stored.totalDocs).toBe(5)
    const after = await experimentMetrics(payload, e)
    const total = (m: typeof once, key: 'impressions' | 'visitors' | 'clicks') =>
      m.variants.reduce((sum, v) => sum + v[key], 0)
    expect(total(once, 'impressions')).toBe(3)
    expect(total(once, 'clicks')).toBe(1)
    expect(total(after, 'impressions')).toBe(4)
    expect(total(after, 'visitors')).toBe(4)
    expect(total(after, 'clicks')).toBe(1)
  })

  it('store every field of a batched event as the collection reads it back', async () => {
    const { page, variants, experiment } = await experimentWithVariants()
    const e = String(experiment.id)
    const at = '2026-04-02T23:30:00.000Z'
    const full: QueuedEvent = {
      id: `fields-${e}-1`,
      eventType: 'impression',
      page: String(page.id),
      experiment: e,
      variant: String(variants[1].id),
      visitorId: 'fields-visitor',
      allocationPeriod: 2,
      metadata: { segment: { device: 'mobile', source: 'news.example', visitor: 'new' } },
      timestamp: at,
    }
    const bare: QueuedEvent = {
      id: `fields-${e}-2`,
      eventType: 'custom',
      eventName: 'video-played',
      blockId: 'block-1',
      blockType: 'hero',
      visitorId: 'fields-visitor',
      timestamp: at,
    }
    expect(await bulkInsertEvents(payload, [full, bare])).toBe(2)
    const { docs } = await payload.find({
      collection: 'analytics-events',
      where: { visitorId: { equals: 'fields-visitor' } },
      sort: 'eventId',
      depth: 0,
    })
    expect(docs.map((doc) => ({ ...doc, id: undefined }))).toEqual([
      expect.objectContaining({
        eventId: full.id,
        eventType: 'impression',
        eventName: null,
        page: page.id,
        experiment: experiment.id,
        variant: variants[1].id,
        visitorId: 'fields-visitor',
        blockId: null,
        blockType: null,
        allocationPeriod: 2,
        metadata: full.metadata,
        timestamp: at,
        day: '2026-04-02',
      }),
      expect.objectContaining({
        eventId: bare.id,
        eventType: 'custom',
        eventName: 'video-played',
        page: null,
        experiment: null,
        variant: null,
        blockId: 'block-1',
        blockType: 'hero',
        allocationPeriod: null,
        metadata: null,
      }),
    ])
    for (const doc of docs) expect(Date.parse(doc.createdAt)).toBeGreaterThan(0)
    // The first exposure carries the segment and the allocation period.
    const exposure = await payload.find({
      collection: 'experiment-exposures',
      where: { visitorId: { equals: 'fields-visitor' } },
      depth: 0,
    })
    expect(exposure.docs).toEqual([
      expect.objectContaining({
        experiment: experiment.id,
        variant: variants[1].id,
        exposedDay: '2026-04-02',
        exposedAt: at,
        allocationPeriod: 2,
        device: 'mobile',
        source: 'news.example',
        visitorType: 'new',
      }),
    ])
  })

  it('index only what reads use on the rows written at every page view (and migrate old databases)', async () => {
    const UNUSED = {
      analytics_events: ['event_type', 'visitor_id', 'updated_at'],
      experiment_exposures: ['updated_at'],
    }
    await byAdapter(payload, {
      sqlite: async () => {
        const { drizzle } = sqliteHandle(payload)
        const indexes = async (table: string) =>
          (await drizzle.all<{ name: string }>(sql.raw(`PRAGMA index_list(${table})`)))
            .map((row) => row.name)
            .sort()
        const events = await indexes('analytics_events')
        // Aggregation, a visitor's events, pruning, the admin's list, redelivery, relationships.
        expect(events).toEqual(
          expect.arrayContaining([
            'experiment_variant_eventType_idx',
            'visitorId_experiment_idx',
            'analytics_events_timestamp_idx',
            'analytics_events_created_at_idx',
            'analytics_events_event_id_idx',
            'analytics_events_experiment_idx',
          ]),
        )
        for (const [table, columns] of Object.entries(UNUSED))
          for (const column of columns)
            expect(await indexes(table)).not.toContain(`${table}_${column}_idx`)
        // A database made before: the migration's down puts them back, its up drops them.
        const migration = migrations.find((m) => m.name.endsWith('_trim_event_indexes'))!
        await migration.down({ db: drizzle, payload, req: { payload } } as never)
        expect(await indexes('analytics_events')).toContain('analytics_events_visitor_id_idx')
        await migration.up({ db: drizzle, payload, req: { payload } } as never)
        expect(await indexes('analytics_events')).toEqual(events)
      },
      mongodb: async () => {
        const models = mongoModels(payload) as unknown as Record<
          string,
          {
            collection: {
              indexes(): Promise<{ name: string }[]>
              createIndex(keys: object, options: object): Promise<unknown>
            }
          }
        >
        const names = async (slug: string) =>
          (await models[slug].collection.indexes()).map((index) => index.name)
        // A database made before: the adapter had created these.
        for (const field of ['eventType', 'visitorId', 'updatedAt'])
          await models['analytics-events'].collection.createIndex(
            { [field]: 1 },
            { name: `${field}_1` },
          )
        await models['experiment-exposures'].collection.createIndex(
          { updatedAt: 1 },
          { name: 'updatedAt_1' },
        )
        const migration = mongoMigrations.find((m) => m.name.endsWith('_trim_event_indexes'))!
        await migration.up({ payload, req: { payload } } as never)
        // Twice is harmless: the indexes are gone already.
        await migration.up({ payload, req: { payload } } as never)
        const events = await names('analytics-events')
        for (const name of ['eventType_1', 'visitorId_1', 'updatedAt_1'])
          expect(events).not.toContain(name)
        expect(events).toContain('eventId_1')
        expect(await names('experiment-exposures')).not.toContain('updatedAt_1')
      },
    })
  })

  it('keep their results when raw events are pruned past the retention', async () => {
    const { page, variants, experiment } = await experimentWithVariants()
    const e = String(experiment.id)
    const event = (type: QueuedEvent['eventType'], arm: number, visitorId: string, at: string) => ({
      eventType: type,
      page: String(page.id),
      experiment: e,
      variant: String(variants[arm].id),
      visitorId,
      timestamp: at,
    })
    await bulkInsertEvents(payload, [
      event('impression', 0, 'old1', '2025-01-02T10:00:00.000Z'),
      event('impression', 1, 'old2', '2025-01-02T10:00:00.000Z'),
      event('conversion', 1, 'old2', '2025-01-03T10:00:00.000Z'),
      event('impression', 0, 'new1', '2026-11-20T10:00:00.000Z'),
      event('click', 0, 'new1', '2026-11-20T10:01:00.000Z'),
    ])
    const before = await experimentMetrics(payload, e)
    await payload.updateGlobal({ slug: 'site-settings', data: { eventRetentionDays: 400 } })
    const deleted = await pruneOldEvents(payload, new Date('2026-11-25T00:00:00.000Z'))
    expect(deleted).toBeGreaterThanOrEqual(3)
    const left = await payload.count({
      collection: 'analytics-events',
      where: { experiment: { equals: e } },
    })
    expect(left.totalDocs).toBe(2)
    expect(await experimentMetrics(payload, e)).toEqual(before)
    // A recount from raw events would now lose the pruned days: refused unless asked for.
    await expect(rebuildRollups(payload, [e])).rejects.toThrow(/--including-pruned/)
    await payload.updateGlobal({ slug: 'site-settings', data: { eventsPrunedBefore: null } })
  })

  it('returns zeros for an experiment without events', async () => {
    const { experiment } = await experimentWithVariants()
    const results = await getExperimentResults(
      payload,
      await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 }),
    )
    expect(results.stats.arms.map((a) => a.visitors)).toEqual([0, 0])
    expect(results.stats.arms[1].verdict).toBe('no-data')
    expect(results.series).toEqual([])
  })
})

describe('experiment lifecycle', () => {
  it('pauses, starts and completes with a winner, recording each change', async () => {
    const { experiment, variants } = await experimentWithVariants()
    await changeExperimentStatus(payload, experiment.id, 'pause', asUser())
    await changeExperimentStatus(payload, experiment.id, 'start', asUser())
    const done = await changeExperimentStatus(
      payload,
      experiment.id,
      'complete',
      asUser(),
      String(variants[1].id),
    )
    expect(done.status).toBe('completed')
    expect(String((done.winner as Variant).id ?? done.winner)).toBe(String(variants[1].id))
    expect(done.changeLog?.map((c) => c.note)).toEqual([
      'running → paused',
      'paused → running',
      'running → completed',
    ])
  })

  it('refuses anonymous callers and a winner from outside the experiment', async () => {
    const { experiment } = await experimentWithVariants()
    await expect(changeExperimentStatus(payload, experiment.id, 'pause', {})).rejects.toThrow(
      /Log in/,
    )
    await expect(
      changeExperimentStatus(payload, experiment.id, 'complete', asUser(), '999999'),
    ).rejects.toThrow(/Choose the winning variant/)
  })

  it('records a split change while running', async () => {
    const { experiment, variants } = await experimentWithVariants()
    const updated = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: {
        variants: [
          { variant: variants[0].id, trafficPercentage: 20 },
          { variant: variants[1].id, trafficPercentage: 80 },
        ],
      },
    })
    expect(updated.changeLog?.[0]).toMatchObject({ kind: 'split' })
  })

  it('records a content edit of a running variant on the experiment', async () => {
    const { experiment, variants } = await experimentWithVariants()
    await payload.update({
      collection: 'variants',
      id: variants[1].id,
      data: { layout: [{ blockType: 'hero', headline: 'New' }] },
    })
    const after = (await payload.findByID({
      collection: 'experiments',
      id: experiment.id,
    })) as Experiment
    expect(after.changeLog?.[0]).toMatchObject({ kind: 'content' })
  })

  it('promotes the winner into its page as a new, revertible page version', async () => {
    const { page, experiment, variants } = await experimentWithVariants([null, 'Winning headline'])
    await expect(promoteWinner(payload, experiment.id, asUser())).rejects.toThrow(
      /Complete the experiment/,
    )
    await changeExperimentStatus(
      payload,
      experiment.id,
      'complete',
      asUser(),
      String(variants[1].id),
    )
    await expect(promoteWinner(payload, experiment.id, {})).rejects.toThrow(/Log in/)
    const before = await payload.countVersions({
      collection: 'pages',
      where: { parent: { equals: page.id } },
    })
    const promoted = await promoteWinner(payload, experiment.id, asUser())
    expect(promoted.layout[0]).toMatchObject({ blockType: 'hero', headline: 'Winning headline' })
    const after = await payload.countVersions({
      collection: 'pages',
      where: { parent: { equals: page.id } },
    })
    expect(after.totalDocs).toBe(before.totalDocs + 1)
    const versions = await payload.findVersions({
      collection: 'pages',
      where: { parent: { equals: page.id } },
      sort: 'createdAt',
    })
    expect(versions.docs[0].version.layout[0]).toMatchObject({ headline: 'Original' })
  })
})

describe('allocation periods (the split in force when each visitor was first assigned)', () => {
  const split = (variants: Variant[], weights: number[]) =>
    variants.map((variant, i) => ({ variant: variant.id, trafficPercentage: weights[i] }))

  /** `count` new visitors per variant, first seen in `period`, the first `converted` converting. */
  function visitors(
    experiment: Experiment,
    variant: Variant,
    period: number,
    count: number,
    converted: number,
    day: string,
  ): QueuedEvent[] {
    return Array.from({ length: count }, (_, i) => {
      const visitorId = `p${period}-${variant.id}-${i}`
      const base = {
        page: String(idOfPage(experiment)),
        experiment: String(experiment.id),
        variant: String(variant.id),
        visitorId,
      }
      const seen = {
        ...base,
        eventType: 'impression' as const,
        allocationPeriod: period,
        timestamp: `${day}T10:00:00.000Z`,
      }
      return i < converted
        ? [seen, { ...base, eventType: 'conversion' as const, timestamp: `${day}T10:05:00.000Z` }]
        : [seen]
    }).flat()
  }
  const idOfPage = (experiment: Experiment) =>
    typeof experiment.page === 'object' ? experiment.page.id : experiment.page

  it('starts a period when the experiment runs and another at each split change; clients cannot write them', async () => {
    const { variants, experiment } = await experimentWithVariants()
    expect(experiment.allocationPeriods).toHaveLength(1)
    expect(experiment.allocationPeriods?.[0].split).toBe(
      `${variants[0].id}:50, ${variants[1].id}:50`,
    )
    const same = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { hypothesis: 'A bolder headline helps', allocationPeriods: [] },
    })
    expect(same.allocationPeriods).toHaveLength(1)
    const changed = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { variants: split(variants, [80, 20]) },
    })
    expect(changed.allocationPeriods?.map((p) => p.split)).toEqual([
      `${variants[0].id}:50, ${variants[1].id}:50`,
      `${variants[0].id}:80, ${variants[1].id}:20`,
    ])
    const draft = await payload.create({
      collection: 'experiments',
      data: {
        name: 'Not started',
        page: idOfPage(experiment),
        status: 'draft',
        variants: split(variants, [50, 50]),
      },
    })
    expect(draft.allocationPeriods ?? []).toHaveLength(0)
  })

  it('a split change raises no false SRM; periods are combined, survive a rebuild, and a real mismatch is named', async () => {
    const { variants, experiment } = await experimentWithVariants()
    const [a, b] = variants
    await bulkInsertEvents(payload, [
      ...visitors(experiment, a, 0, 300, 30, '2026-04-01'),
      ...visitors(experiment, b, 0, 300, 36, '2026-04-01'),
    ])
    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { variants: split(variants, [80, 20]) },
    })
    await bulkInsertEvents(payload, [
      ...visitors(experiment, a, 1, 800, 40, '2026-04-02'),
      ...visitors(experiment, b, 1, 200, 12, '2026-04-02'),
    ])
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    const results = await getExperimentResults(payload, fresh)
    console.log(
      `[periods] totals 1100/500 under 50/50 then 80/20: SRM p ${results.stats.srm.pValue?.toFixed(3)}`,
    )
    // Against the current split alone, 1 100 / 500 visitors would be a glaring mismatch.
    expect(sampleRatioMismatch([1100, 500], [80, 20]).flagged).toBe(true)
    expect(results.stats.srm.flagged).toBe(false)
    expect(results.allocation).toMatchObject({
      weighted: true,
      comparablePeriods: [0, 1],
      periods: [
        { weights: [50, 50], visitors: [300, 300] },
        { weights: [80, 20], visitors: [800, 200] },
      ],
    })
    // Counts shown as counted; rates weighted by period (600 and 1 000 visitors: 3/8 and 5/8).
    const [control, variant] = results.stats.arms
    expect([control.visitors, control.conversions, variant.visitors, variant.conversions]).toEqual([
      1100, 70, 500, 48,
    ])
    expect(control.conversionRate).toBeCloseTo((3 / 8) * 0.1 + (5 / 8) * 0.05, 12)
    expect(variant.conversionRate).toBeCloseTo((3 / 8) * 0.12 + (5 / 8) * 0.06, 12)

    // Each exposure keeps its time and period, and a rebuild from raw events gives the same.
    const exposures = await payload.find({
      collection: 'experiment-exposures',
      where: { experiment: { equals: experiment.id }, visitorId: { equals: `p1-${a.id}-0` } },
    })
    expect(exposures.docs[0]).toMatchObject({
      allocationPeriod: 1,
      exposedAt: '2026-04-02T10:00:00.000Z',
    })
    await rebuildRollups(payload, [String(experiment.id)])
    const rebuilt = await getExperimentResults(payload, fresh)
    expect(rebuilt.allocation.periods).toEqual(results.allocation.periods)
    expect(rebuilt.stats.arms.map((arm) => arm.conversionRate)).toEqual(
      results.stats.arms.map((arm) => arm.conversionRate),
    )

    // A real mismatch in the second period (70/30 seen under 80/20) is still caught and named.
    await bulkInsertEvents(payload, [
      ...Array.from({ length: 4 }, (_, k) =>
        visitors(experiment, b, 1, 100, 0, '2026-04-03').map((event) => ({
          ...event,
          visitorId: `${event.visitorId}-extra${k}`,
        })),
      ).flat(),
    ])
    const mismatched = await getExperimentResults(payload, fresh)
    expect(mismatched.stats.srm.flagged).toBe(true)
    expect(mismatched.stats.srm.arms[0]).toMatchObject({ index: 1, period: 1 })
  })
})

describe('optimise mode (multi-armed bandit)', () => {
  /** Visitors number `from` to `to` − 1 of a variant, the first `converted` of all converting. */
  const seen = (
    experiment: Experiment,
    variant: Variant,
    [from, to]: [number, number],
    converted: number,
  ) =>
    Array.from({ length: to - from }, (_, k) => {
      const i = from + k
      const base = {
        page: String(typeof experiment.page === 'object' ? experiment.page.id : experiment.page),
        experiment: String(experiment.id),
        variant: String(variant.id),
        visitorId: `bandit-${experiment.id}-${variant.id}-${i}`,
        allocationPeriod: 0,
      }
      const impression = {
        ...base,
        eventType: 'impression' as const,
        timestamp: '2026-05-01T10:00:00.000Z',
      }
      return i < converted
        ? [
            impression,
            { ...base, eventType: 'conversion' as const, timestamp: '2026-05-01T10:01:00.000Z' },
          ]
        : [impression]
    }).flat()

  it('waits for the burn-in, then moves traffic toward a clearly better arm, keeping the floor', async () => {
    const { variants, experiment } = await experimentWithVariants()
    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { optimise: true, banditBurnInVisitors: 300, banditFloorPercent: 5 },
    })
    await bulkInsertEvents(payload, [
      ...seen(experiment, variants[0], [0, 200], 10),
      ...seen(experiment, variants[1], [0, 200], 30),
    ])
    expect(await optimiseRunningExperiments(payload)).toEqual([])

    await bulkInsertEvents(payload, [
      ...seen(experiment, variants[0], [200, 400], 20),
      ...seen(experiment, variants[1], [200, 400], 60),
    ])
    const moves = await optimiseRunningExperiments(payload)
    expect(moves).toEqual([{ experiment: experiment.name, from: [50, 50], to: [5, 95] }])
    const after = await payload.findByID({ collection: 'experiments', id: experiment.id })
    expect(after.variants?.map((row) => row.trafficPercentage)).toEqual([5, 95])
    expect(after.allocationPeriods).toHaveLength(2)
    expect(after.changeLog?.at(-1)?.note).toBe(
      'Optimiser moved traffic: Arm 0 50%, Arm 1 50% → Arm 0 5%, Arm 1 95%',
    )
    // Nothing new: the split stays, no new period.
    expect(await optimiseRunningExperiments(payload)).toEqual([])
    const results = await getExperimentResults(
      payload,
      await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 }),
    )
    expect(results.allocation.periods.map((p) => p.weights)).toEqual([
      [50, 50],
      [5, 95],
    ])
  })

  it('leaves experiments without optimise mode alone', async () => {
    const { variants, experiment } = await experimentWithVariants()
    await bulkInsertEvents(payload, [
      ...seen(experiment, variants[0], [0, 400], 10),
      ...seen(experiment, variants[1], [0, 400], 80),
    ])
    const moves = await optimiseRunningExperiments(payload)
    expect(moves.map((m) => m.experiment)).not.toContain(experiment.name)
  })
})

describe('run again (results phases)', () => {
  it('completes this phase, starts the next with fresh results and a new seed; old results stay', async () => {
    const { variants, experiment } = await experimentWithVariants()
    const [a, b] = variants.map((v) => String(v.id))
    const event = (variant: string, visitorId: string) => ({
      eventType: 'impression' as const,
      experiment: String(experiment.id),
      variant,
      visitorId,
      timestamp: new Date().toISOString(),
    })
    await bulkInsertEvents(payload, [event(a, 'r1'), event(b, 'r2'), event(b, 'r3')])
    const next = await runAgain(payload, experiment.id, asUser())
    expect(next).toMatchObject({
      name: experiment.name,
      status: 'running',
      phase: 2,
      previousPhase: experiment.id,
    })
    expect(next.hashSeed).not.toBe(experiment.hashSeed)
    expect(next.variants?.map((row) => idOf(row.variant))).toEqual([a, b])
    const old = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    expect(old.status).toBe('completed')
    expect((await getExperimentResults(payload, old)).stats.totalVisitors).toBe(3)
    const fresh = await payload.findByID({ collection: 'experiments', id: next.id, depth: 1 })
    expect((await getExperimentResults(payload, fresh)).stats.totalVisitors).toBe(0)

    // Phase 3 keeping assignments: the same seed, so each visitor lands in the same bucket.
    const third = await runAgain(payload, next.id, asUser(), { keepAssignments: true })
    expect(third).toMatchObject({ phase: 3, previousPhase: next.id, hashSeed: next.hashSeed })
  })

  it('refuses a draft, and anonymous callers', async () => {
    const { experiment } = await experimentWithVariants()
    const draft = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { status: 'draft' },
    })
    await expect(runAgain(payload, draft.id, asUser())).rejects.toThrow(/has not run yet/)
    await expect(runAgain(payload, draft.id, {})).rejects.toThrow(/Log in/)
  })
})

describe('custom events on the Results tab', () => {
  it('are counted per name and variant, only for this experiment', async () => {
    const { variants, experiment } = await experimentWithVariants()
    const other = await experimentWithVariants()
    const [a, b] = variants.map((v) => String(v.id))
    const custom = (exp: string, variant: string, eventName: string, visitorId: string) => ({
      eventType: 'custom' as const,
      eventName,
      experiment: exp,
      variant,
      visitorId,
      timestamp: new Date().toISOString(),
    })
    const e = String(experiment.id)
    await bulkInsertEvents(payload, [
      custom(e, a, 'video-play', 'c1'),
      custom(e, a, 'video-play', 'c2'),
      custom(e, b, 'video-play', 'c3'),
      custom(e, b, 'pricing-open', 'c3'),
      custom(String(other.experiment.id), String(other.variants[0].id), 'video-play', 'c9'),
    ])
    const counts = await customEventCounts(payload, e)
    expect(
      counts.sort((x, y) => `${x.name}${x.variant}`.localeCompare(`${y.name}${y.variant}`)),
    ).toEqual(
      [
        { name: 'pricing-open', variant: b, events: 1 },
        { name: 'video-play', variant: a, events: 2 },
        { name: 'video-play', variant: b, events: 1 },
      ].sort((x, y) => `${x.name}${x.variant}`.localeCompare(`${y.name}${y.variant}`)),
    )
  })
})
