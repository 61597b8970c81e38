import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { sql } from '@payloadcms/db-sqlite'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { byAdapter } from '@/lib/db/byAdapter'
import { sqliteHandle } from '@/lib/db/handles'
import type { QueuedEvent } from '@/lib/db/events'
import { experimentMetrics } from '@/lib/db/experimentMetrics'
import { goalMetrics } from '@/lib/db/goalMetrics'
import { rebuildRollups } from '@/lib/db/rebuildRollups'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { notificationsDue } from '@/lib/notifications/notify'
import { loadAssignmentSnapshot } from '@/lib/experiments/loadSnapshot'
import { migrations } from '@/migrations'
import { mongoMigrations } from '@/migrations-mongodb'
import type { Experiment, Variant } from '@/payload-types'
import { rejectionMessages } from '../helpers/errors'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

async function twoArms(goals: Experiment['goals'] = []) {
  const page = await makePage(payload)
  const variants = [
    await makeVariant(payload, page, 'Original'),
    await makeVariant(payload, page, 'Bold', 'Bold'),
  ]
  const experiment = await makeExperiment(payload, page, variants, {
    goals,
    sequentialTesting: false,
  })
  return { page, variants, experiment }
}

const at = (minute: number) => new Date(Date.UTC(2026, 10, 20, 9, minute)).toISOString()

function event(
  experiment: Experiment,
  variant: Variant,
  visitorId: string,
  eventType: QueuedEvent['eventType'],
  minute: number,
  extra: Partial<QueuedEvent> = {},
): QueuedEvent {
  return {
    eventType,
    experiment: String(experiment.id),
    variant: String(variant.id),
    page: String(typeof experiment.page === 'object' ? experiment.page.id : experiment.page),
    visitorId,
    timestamp: at(minute),
    ...extra,
  }
}

const reached = async (experiment: Experiment, goal: string) =>
  (await goalMetrics(payload, String(experiment.id), [goal])).reduce(
    (sum, row) => sum + row.visitors,
    0,
  )

describe('goals beyond the lead', () => {
  it('counts a click or custom goal once per visitor, and only for exposed visitors', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'secondary', kind: 'click', blockType: 'cta' },
      { role: 'guardrail', kind: 'custom', eventName: 'refund' },
    ])
    const [a] = variants
    await bulkInsertEvents(payload, [
      // Exposed, clicks twice (in the same batch as the view, and again later): once.
      event(experiment, a, 'v1', 'impression', 0),
      event(experiment, a, 'v1', 'click', 1, { blockType: 'cta' }),
      // A click on another block type is not this goal.
      event(experiment, a, 'v2', 'impression', 0),
      event(experiment, a, 'v2', 'click', 1, { blockType: 'hero' }),
      // Never exposed (no impression): not counted.
      event(experiment, a, 'ghost', 'click', 2, { blockType: 'cta' }),
      event(experiment, a, 'v1', 'custom', 3, { eventName: 'refund' }),
    ])
    await bulkInsertEvents(payload, [event(experiment, a, 'v1', 'click', 9, { blockType: 'cta' })])
    expect(await reached(experiment, 'click:cta')).toBe(1)
    expect(await reached(experiment, 'click:hero')).toBe(1)
    expect(await reached(experiment, 'custom:refund')).toBe(1)
    expect(await reached(experiment, 'custom:other')).toBe(0)
  })

  it('refuses an incomplete goal with the fix in words', async () => {
    const page = await makePage(payload)
    const variants = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    expect(
      await rejectionMessages(
        makeExperiment(payload, page, variants, {
          goals: [{ role: 'secondary', kind: 'custom', eventName: '<script>' }],
        }),
      ),
    ).toMatch(/custom event’s name as sent by trackEvent/)
    expect(
      await rejectionMessages(
        makeExperiment(payload, page, variants, { goals: [{ role: 'secondary', kind: 'click' }] }),
      ),
    ).toMatch(/Choose which block’s clicks count/)
  })

  it('tests each goal at α ÷ goals and flags a guardrail that got significantly worse', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'secondary', kind: 'click', blockType: 'cta', label: 'CTA clicks' },
      { role: 'guardrail', kind: 'custom', eventName: 'unsubscribe', higherIsBetter: false },
    ])
    const [a, b] = variants
    const events: QueuedEvent[] = []
    // 1 000 visitors per arm; leads 5% vs 7%; CTA clicks 20% vs 24%; unsubscribes 2% vs 8%.
    for (const [variant, leads, clicks, unsubscribes] of [
      [a, 50, 200, 20],
      [b, 70, 240, 80],
    ] as const) {
      for (let i = 0; i < 1000; i++) {
        const id = `${variant.id}-${i}`
        events.push(event(experiment, variant, id, 'impression', 0))
        if (i < leads) events.push(event(experiment, variant, id, 'conversion', 5))
        if (i < clicks)
          events.push(event(experiment, variant, id, 'click', 6, { blockType: 'cta' }))
        if (i < unsubscribes)
          events.push(event(experiment, variant, id, 'custom', 7, { eventName: 'unsubscribe' }))
      }
    }
    await bulkInsertEvents(payload, events)
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    const results = await getExperimentResults(payload, fresh)
    expect(results.stats.arms.map((arm) => arm.conversions)).toEqual([50, 70])
    expect(results.goals.map((goal) => [goal.label, goal.role])).toEqual([
      ['CTA clicks', 'secondary'],
      ['Custom event “unsubscribe”', 'guardrail'],
    ])
    const [clicks, guardrail] = results.goals
    expect(clicks.arms.map((arm) => [arm.visitors, arm.conversions])).toEqual([
      [1000, 200],
      [1000, 240],
    ])
    // Two goals: each at α/2, so a 97.5% interval.
    expect(clicks.intervalLevel).toBeCloseTo(0.975, 6)
    expect(clicks.arms[1].relativeLift).toBeCloseTo(0.2, 6)
    // Its lift over time ends at the same lift, inside a band at its own level (97.5%).
    const lastClicks = clicks.liftOverTime.at(-1)!
    expect(lastClicks[String(b.id)]).toBeCloseTo(0.2, 9)
    const [low, high] = lastClicks[`${b.id}:band`] as [number, number]
    expect(low).toBeLessThan(0.2)
    expect(high).toBeGreaterThan(0.2)
    expect(guardrail.arms[1].conversionRate).toBeCloseTo(0.08, 6)
    // Unsubscribes are to keep low: 2% → 8% is significantly worse, and its verdict says so.
    expect(guardrail.worseIn).toEqual(['Bold'])
    expect(guardrail.arms[1].verdict).toBe('loser')
    // A guardrail where more is better (pricing clicks) is worse when it drops:
    const { variants: v2, experiment: e2 } = await twoArms([
      { role: 'guardrail', kind: 'click', blockType: 'hero', label: 'Pricing clicks' },
    ])
    const more: QueuedEvent[] = []
    for (const [variant, clicksOnHero] of [
      [v2[0], 300],
      [v2[1], 150],
    ] as const) {
      for (let i = 0; i < 1000; i++) {
        const id = `${variant.id}-${i}`
        more.push(event(e2, variant, id, 'impression', 0))
        if (i < clicksOnHero) more.push(event(e2, variant, id, 'click', 4, { blockType: 'hero' }))
      }
    }
    await bulkInsertEvents(payload, more)
    const e2Fresh = await payload.findByID({ collection: 'experiments', id: e2.id, depth: 1 })
    const flagged = await getExperimentResults(payload, e2Fresh)
    expect(flagged.goals[0].worseIn).toEqual(['Bold'])
    expect(flagged.goals[0].intervalLevel).toBeCloseTo(0.95, 6)
    // …and the notification job says so (fixed horizon: at the planned sample size only).
    const due = await notificationsDue(payload, e2Fresh, new Date())
    const reachedPlan = flagged.stats.sampleSize.remaining === 0
    expect(due.some((draft) => draft.kind === 'guardrail')).toBe(reachedPlan)
    const sequential = await payload.update({
      collection: 'experiments',
      id: e2.id,
      data: { sequentialTesting: true },
      depth: 1,
    })
    const dueSequential = await notificationsDue(payload, sequential, new Date())
    const guardrailDraft = dueSequential.find((draft) => draft.kind === 'guardrail')
    expect(guardrailDraft?.message).toContain(
      'guardrail “Pricing clicks” is significantly worse for “Bold”',
    )
  })

  it('rebuilt goal rollups equal the incremental ones and a recount from scratch (seeded)', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'secondary', kind: 'click', blockType: 'cta' },
      { role: 'secondary', kind: 'custom', eventName: 'signup' },
    ])
    // A seeded stream of 150 visitors' events, interleaved and cut into random batches. Each
    // exposed visitor's first event is their view (a click or a custom event comes from a page
    // that was served); one in five visitors is never exposed (forged or bot traffic) and sends
    // goal events only. Visitors repeat goals.
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const perVisitor: QueuedEvent[][] = []
    for (let v = 0; v < 150; v++) {
      const visitor = `s-${v}`
      const variant = variants[v % 2]
      const own: QueuedEvent[] =
        v % 5 === 0 ? [] : [event(experiment, variant, visitor, 'impression', 0)]
      const count = Math.floor(random() * 6)
      for (let k = 0; k < count; k++) {
        own.push(
          random() < 0.5
            ? event(experiment, variant, visitor, 'click', 1 + k, {
                blockType: random() < 0.7 ? 'cta' : 'hero',
              })
            : event(experiment, variant, visitor, 'custom', 1 + k, {
                eventName: random() < 0.6 ? 'signup' : 'other',
              }),
        )
      }
      perVisitor.push(own)
    }
    const stream: QueuedEvent[] = []
    while (perVisitor.some((own) => own.length > 0)) {
      const open = perVisitor.filter((own) => own.length > 0)
      stream.push(open[Math.floor(random() * open.length)].shift()!)
    }
    for (let i = 0; i < stream.length;) {
      const size = 1 + Math.floor(random() * 60)
      await bulkInsertEvents(payload, stream.slice(i, i + size))
      i += size
    }
    // From scratch: a visitor reached a goal if they were exposed and sent its event.
    const exposed = new Set(
      stream.filter((e) => e.eventType === 'impression').map((e) => e.visitorId),
    )
    const incremental = {
      cta: await reached(experiment, 'click:cta'),
      signup: await reached(experiment, 'custom:signup'),
    }
    await rebuildRollups(payload, [String(experiment.id)])
    const rebuilt = {
      cta: await reached(experiment, 'click:cta'),
      signup: await reached(experiment, 'custom:signup'),
    }
    const recount = (match: (e: QueuedEvent) => boolean) =>
      new Set(stream.filter((e) => match(e) && exposed.has(e.visitorId)).map((e) => e.visitorId))
        .size
    const scratch = {
      cta: recount((e) => e.eventType === 'click' && e.blockType === 'cta'),
      signup: recount((e) => e.eventType === 'custom' && e.eventName === 'signup'),
    }
    console.log('[goals] incremental', incremental, 'rebuilt', rebuilt, 'from scratch', scratch)
    expect(incremental).toEqual(scratch)
    expect(rebuilt).toEqual(scratch)
    expect(scratch.cta).toBeGreaterThan(10)
  })

  it('reads goals from daily counters equal to the goal visitors; the migration rebuilds them', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'secondary', kind: 'click', blockType: 'cta' },
      { role: 'guardrail', kind: 'custom', eventName: 'refund' },
    ])
    const events: QueuedEvent[] = []
    for (let v = 0; v < 40; v++) {
      const variant = variants[v % 2]
      events.push(event(experiment, variant, `c-${v}`, 'impression', v % 3))
      // Goals on the exposure's day, on later days (the next day, in a later batch) and twice.
      if (v % 2 === 0)
        events.push(event(experiment, variant, `c-${v}`, 'click', 5, { blockType: 'cta' }))
      if (v % 5 === 0)
        events.push(event(experiment, variant, `c-${v}`, 'custom', 6, { eventName: 'refund' }))
    }
    await bulkInsertEvents(payload, events)
    const later = (v: number) => ({
      ...event(experiment, variants[v % 2], `c-${v}`, 'click', 0, { blockType: 'cta' }),
      timestamp: new Date(Date.UTC(2026, 10, 21, 8)).toISOString(),
    })
    await bulkInsertEvents(payload, [later(1), later(3), later(2)])
    const goals = ['click:cta', 'custom:refund']
    const counters = async () =>
      (await goalMetrics(payload, String(experiment.id), goals))
        .map((row) => `${row.goal} ${row.variant} ${row.day} ${row.visitors}`)
        .sort()
    // From the goal visitors (one row per visitor and goal), grouped here.
    const visitors = await payload.find({
      collection: 'experiment-goal-visitors',
      where: { experiment: { equals: experiment.id } },
      depth: 0,
      pagination: false,
      limit: 0,
    })
    const grouped = new Map<string, number>()
    for (const row of visitors.docs) {
      const key = `${row.goal} ${String(row.variant)} ${row.day}`
      grouped.set(key, (grouped.get(key) ?? 0) + 1)
    }
    const fromVisitors = [...grouped].map(([key, n]) => `${key} ${n}`).sort()
    expect(await counters()).toEqual(fromVisitors)
    // 20 clickers (2 of them on the next day), 8 refunds; visitor 2's second click adds nothing.
    expect(await reached(experiment, 'click:cta')).toBe(22)
    expect(fromVisitors.filter((row) => row.includes('2026-11-21'))).toEqual([
      `click:cta ${variants[1].id} 2026-11-21 2`,
    ])

    // The migration fills the counters from the goal visitors already recorded.
    await byAdapter(payload, {
      sqlite: async () => {
        const { drizzle } = sqliteHandle(payload)
        await drizzle.run(sql`DELETE FROM experiment_goal_daily`)
        const migration = migrations.find((m) => m.name.endsWith('_goal_daily'))!
        // Its schema statements already ran (the test database is migrated): only the fill runs.
        const db = {
          run: async (statement: Parameters<typeof drizzle.run>[0]) => {
            try {
              await drizzle.run(statement)
            } catch (error) {
              const text = `${String(error)} ${String((error as { cause?: unknown }).cause)}`
              if (!/already exists|duplicate column/.test(text)) throw error
            }
          },
        }
        await migration.up({ db, payload, req: { payload } } as never)
      },
      mongodb: async () => {
        const collections = (
          payload.db as unknown as {
            collections: Record<string, { collection: { deleteMany(f: object): Promise<unknown> } }>
          }
        ).collections
        await collections['experiment-goal-daily'].collection.deleteMany({})
        const migration = mongoMigrations.find((m) => m.name.endsWith('_goal_daily'))!
        await migration.up({ payload, req: { payload } } as never)
        // Twice gives the same counters.
        await migration.up({ payload, req: { payload } } as never)
      },
    })
    expect(await counters()).toEqual(fromVisitors)
  })

  it('lets one goal replace the lead as the primary goal (verdict, sample size)', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'primary', kind: 'custom', eventName: 'trial-started', label: 'Trials' },
      { role: 'secondary', kind: 'click', blockType: 'cta' },
    ])
    const [a, b] = variants
    const events: QueuedEvent[] = []
    for (const [variant, leads, trials] of [
      [a, 30, 40],
      [b, 30, 90],
    ] as const) {
      for (let i = 0; i < 600; i++) {
        const id = `p-${variant.id}-${i}`
        events.push(event(experiment, variant, id, 'impression', 0))
        if (i < leads) events.push(event(experiment, variant, id, 'conversion', 2))
        // Trials on a later day than the first view: counted on their own day.
        if (i < trials)
          events.push({
            ...event(experiment, variant, id, 'custom', 3, { eventName: 'trial-started' }),
            timestamp: new Date(Date.UTC(2026, 10, 21, 9)).toISOString(),
          })
      }
    }
    await bulkInsertEvents(payload, events)
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    const results = await getExperimentResults(payload, fresh)
    expect(results.primaryGoal).toEqual({ label: 'Trials', signature: 'custom:trial-started' })
    expect(results.stats.arms.map((arm) => [arm.visitors, arm.conversions])).toEqual([
      [600, 40],
      [600, 90],
    ])
    expect(results.stats.arms[1].verdict).toBe('winner')
    // The series follows the primary goal, day by day.
    expect(results.series.map((point) => point.day)).toEqual(['2026-11-20', '2026-11-21'])
    expect(results.series[0][String(b.id)]).toBe(0)
    expect(results.series[1][String(b.id)]).toBeCloseTo(90 / 600, 9)
    // The lift chart follows it too: no lift on the first day (no trials yet), then +125%.
    expect(results.liftOverTime.map((point) => point[String(b.id)])).toEqual([
      null,
      expect.closeTo(90 / 40 - 1, 9),
    ])
    // The other goals do not include it, and are adjusted for one goal only.
    expect(results.goals.map((goal) => goal.signature)).toEqual(['click:cta'])
    expect(results.goals[0].intervalLevel).toBeCloseTo(0.95, 9)

    expect(
      await rejectionMessages(
        payload.update({
          collection: 'experiments',
          id: experiment.id,
          data: {
            goals: [
              { role: 'primary', kind: 'custom', eventName: 'a' },
              { role: 'primary', kind: 'custom', eventName: 'b' },
            ],
          },
        }),
      ),
    ).toMatch(/Only one goal can be the primary goal/)
  })

  it('counts visits to a goal page and leads as goals, and tells the proxy which paths to watch', async () => {
    const { variants, experiment } = await twoArms([
      { role: 'secondary', kind: 'pageview', path: '/thank-you' },
      { role: 'guardrail', kind: 'lead' },
    ])
    const [a, b] = variants
    await bulkInsertEvents(payload, [
      event(experiment, a, 'pv-1', 'impression', 0),
      event(experiment, a, 'pv-1', 'pageview', 1, { eventName: '/thank-you' }),
      event(experiment, a, 'pv-1', 'pageview', 2, { eventName: '/thank-you' }),
      event(experiment, b, 'pv-2', 'impression', 0),
      event(experiment, b, 'pv-2', 'pageview', 1, { eventName: '/pricing' }),
      event(experiment, b, 'pv-2', 'conversion', 3),
      event(experiment, b, 'pv-3', 'impression', 0),
    ])
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    const results = await getExperimentResults(payload, fresh)
    const [visits, leads] = results.goals
    expect(visits.label).toBe('Visits to /thank-you')
    expect(visits.arms.map((arm) => arm.conversions)).toEqual([1, 0])
    // The lead goal reads the leads already kept per visitor (the primary's counts).
    expect(leads.arms.map((arm) => [arm.visitors, arm.conversions])).toEqual([
      [1, 0],
      [2, 1],
    ])
    expect(leads.arms.map((arm) => arm.conversions)).toEqual(
      results.stats.arms.map((arm) => arm.conversions),
    )
    const snapshot = await loadAssignmentSnapshot(payload)
    expect(snapshot.goalPaths?.has('/thank-you')).toBe(true)
    expect(snapshot.experiments.find((e) => e.id === String(experiment.id))?.goalPaths).toEqual([
      '/thank-you',
    ])
  })

  it('compares lead value per visitor (sums and sums of squares of each visitor’s total)', async () => {
    const { variants, experiment } = await twoArms([{ role: 'secondary', kind: 'value' }])
    const [a, b] = variants
    const events: QueuedEvent[] = []
    const lead = (variant: Variant, id: string, value: number, minute: number) =>
      event(experiment, variant, id, 'conversion', minute, { metadata: { value } })
    // Control: 200 visitors, 10 leads worth 40. Variant: 200 visitors, 12 leads worth 40, and
    // 2 visitors with two leads, 40 + 60 (their total, 100, is what counts).
    for (let i = 0; i < 200; i++) {
      events.push(event(experiment, a, `va-${i}`, 'impression', 0))
      if (i < 10) events.push(lead(a, `va-${i}`, 40, 1))
      events.push(event(experiment, b, `vb-${i}`, 'impression', 0))
      if (i < 14) events.push(lead(b, `vb-${i}`, 40, 1))
    }
    await bulkInsertEvents(payload, events)
    // The second leads arrive in a later batch: the running totals grow from 40 to 100.
    await bulkInsertEvents(payload, [lead(b, 'vb-12', 60, 5), lead(b, 'vb-13', 60, 5)])
    // A lead from a visitor who was never exposed adds nothing.
    await bulkInsertEvents(payload, [lead(b, 'never-seen', 500, 6)])
    const fresh = await payload.findByID({ collection: 'experiments', id: experiment.id, depth: 1 })
    const [value] = (await getExperimentResults(payload, fresh)).goals
    expect(value).toMatchObject({ label: 'Lead value per visitor', metric: 'mean' })
    expect(value.arms.map((arm) => [arm.visitors, arm.conversions, arm.conversionRate])).toEqual([
      [200, 400, 2],
      [200, 680, 3.4],
    ])
    // Reference values from Python's statistics module on the per-visitor values: +70%, with a
    // 95% interval (delta method on the log ratio of means) that still includes 0.
    expect(value.arms[1].relativeLift).toBeCloseTo(0.7, 9)
    expect(value.arms[1].relativeLiftInterval![0]).toBeCloseTo(-0.25234424786131476, 6)
    expect(value.arms[1].relativeLiftInterval![1]).toBeCloseTo(2.865415322136014, 6)
    expect(value.arms[1].adjustedPValue).toBeCloseTo(0.2054834011339265, 6)
    expect(value.arms[1].verdict).toBe('inconclusive')
    const metrics = await experimentMetrics(payload, String(experiment.id))
    expect(metrics.variants.find((m) => m.variant === String(b.id))?.valueSumSquares).toBe(39_200)
    // The rebuild recounts the same sums from the raw events.
    await rebuildRollups(payload, [String(experiment.id)])
    const rebuilt = await experimentMetrics(payload, String(experiment.id))
    expect(rebuilt.variants.map((m) => [m.variant, m.valueSum, m.valueSumSquares]).sort()).toEqual(
      metrics.variants.map((m) => [m.variant, m.valueSum, m.valueSumSquares]).sort(),
    )
  })

  it('counts a goal added later from what was already recorded', async () => {
    const { variants, experiment } = await twoArms([])
    await bulkInsertEvents(payload, [
      event(experiment, variants[1], 'late-1', 'impression', 0),
      event(experiment, variants[1], 'late-1', 'custom', 1, { eventName: 'demo-booked' }),
    ])
    const updated = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { goals: [{ role: 'secondary', kind: 'custom', eventName: 'demo-booked' }] },
      depth: 1,
    })
    const results = await getExperimentResults(payload, updated)
    expect(results.goals[0].arms.map((arm) => arm.conversions)).toEqual([0, 1])
    // Recorded whatever the goals: counted from the start.
    expect(results.goals[0].countedFrom).toBeNull()
  })

  it('says from when a goal page added later counts; a kept goal keeps its time', async () => {
    const { experiment } = await twoArms([{ role: 'secondary', kind: 'custom', eventName: 'x' }])
    const [first] = experiment.goals!
    expect(first.addedAt).toBeTruthy()
    const before = Date.now()
    // A client's stamp is ignored: the server sets when what a goal counts was defined.
    const updated = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: {
        goals: [
          { ...first, addedAt: '2000-01-01T00:00:00.000Z' },
          {
            role: 'secondary',
            kind: 'pageview',
            path: '/thank-you',
            addedAt: '2000-01-01T00:00:00.000Z',
          },
        ],
      },
      depth: 1,
    })
    const [kept, added] = updated.goals!
    expect(kept.addedAt).toBe(first.addedAt)
    expect(Date.parse(added.addedAt!)).toBeGreaterThanOrEqual(before - 1000)
    const results = await getExperimentResults(payload, updated)
    expect(results.goals.map((goal) => goal.countedFrom)).toEqual([null, added.addedAt])
    // Another path is another goal: counted from its own change.
    const changed = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { goals: [kept, { ...added, path: '/welcome' }] },
      depth: 1,
    })
    expect(Date.parse(changed.goals![1].addedAt!)).toBeGreaterThanOrEqual(
      Date.parse(added.addedAt!),
    )
    expect(changed.goals![0].addedAt).toBe(first.addedAt)
  })
})
