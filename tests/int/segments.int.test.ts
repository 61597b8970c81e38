import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import type { QueuedEvent } from '@/lib/db/events'
import { rebuildRollups } from '@/lib/db/rebuildRollups'
import { getSegmentResults } from '@/lib/experiments/getSegmentResults'
import type { Segment } from '@/lib/experiments/segments'
import type { Experiment, Variant } from '@/payload-types'
import { makeExperiment, makePage, makeVariant } from '../helpers/fixtures'
import { startTestPayload, type TestPayload } from '../helpers/payload'

let ctx: TestPayload
let payload: Payload

beforeAll(async () => {
  ctx = await startTestPayload()
  payload = ctx.payload
})
afterAll(async () => ctx?.cleanup())

async function twoArms() {
  const page = await makePage(payload)
  const variants = [
    await makeVariant(payload, page, 'Original'),
    await makeVariant(payload, page, 'Bold', 'Bold'),
  ]
  const experiment = await makeExperiment(payload, page, variants)
  return { variants, experiment }
}

/** `count` visitors of a variant in a segment, the first `converted` of them converting. */
function visitors(
  experiment: Experiment,
  variant: Variant,
  segment: Segment | null,
  count: number,
  converted: number,
  day = '2026-11-20',
): QueuedEvent[] {
  return Array.from({ length: count }, (_, i) => {
    const base = {
      experiment: String(experiment.id),
      variant: String(variant.id),
      visitorId: `${variant.id}-${segment?.device}-${segment?.source}-${day}-${i}`,
      timestamp: `${day}T10:00:00.000Z`,
    }
    const view: QueuedEvent = {
      ...base,
      eventType: 'impression',
      ...(segment ? { metadata: { segment } } : {}),
    }
    // A later view of the same visitor carries no segment and changes nothing.
    const again: QueuedEvent = {
      ...base,
      eventType: 'impression',
      timestamp: `${day}T11:00:00.000Z`,
    }
    return i < converted
      ? [
          view,
          again,
          { ...base, eventType: 'conversion' as const, timestamp: `${day}T10:05:00.000Z` },
        ]
      : [view, again]
  }).flat()
}

const mobileGoogle: Segment = { device: 'mobile', source: 'google', visitor: 'new' }
const desktopDirect: Segment = { device: 'desktop', source: 'direct', visitor: 'returning' }

describe('segments', () => {
  it('breaks the primary goal down by the segment recorded at first exposure, once per visitor', async () => {
    const { variants, experiment } = await twoArms()
    const [a, b] = variants
    await bulkInsertEvents(payload, [
      ...visitors(experiment, a, mobileGoogle, 200, 10),
      ...visitors(experiment, b, mobileGoogle, 200, 30),
      ...visitors(experiment, a, desktopDirect, 300, 30),
      ...visitors(experiment, b, desktopDirect, 300, 30),
      // Exposed before segments were recorded.
      ...visitors(experiment, a, null, 10, 0),
    ])
    const results = await getSegmentResults(payload, String(experiment.id), [
      { id: String(a.id), name: 'Original', trafficPercentage: 50 },
      { id: String(b.id), name: 'Bold', trafficPercentage: 50 },
    ])
    const device = results.dimensions.find((d) => d.dimension === 'device')!
    expect(device.rows.map((row) => row.label)).toEqual(['Desktop', 'Mobile'])
    const mobile = device.rows[1]
    expect(mobile.arms.map((arm) => [arm.visitors, arm.conversions])).toEqual([
      [200, 10],
      [200, 30],
    ])
    expect(mobile.arms[1].relativeLift).toBeCloseTo(2, 6)
    const source = results.dimensions.find((d) => d.dimension === 'source')!
    expect(source.rows.map((row) => row.label)).toEqual(['Direct (no source)', 'google'])
    const visitorType = results.dimensions.find((d) => d.dimension === 'visitor')!
    expect(visitorType.rows.map((row) => row.label)).toEqual(['New visitors', 'Returning visitors'])
    // Every dimension counts each recorded visitor exactly once.
    for (const dimension of results.dimensions) {
      const total = dimension.rows.reduce(
        (sum, row) => sum + row.arms.reduce((s, arm) => s + arm.visitors, 0),
        0,
      )
      expect(total).toBe(dimension.dimension === 'day' ? 1010 : 1000)
    }
    expect(results.unrecorded).toBe(10)
    // 2 devices + 2 sources + 2 visitor kinds + 1 day = 7 rows: each at α/7.
    expect(results.comparisons).toBe(7)
    expect(results.intervalLevel).toBeCloseTo(1 - 0.05 / 7, 9)
    expect(mobile.srmFlagged).toBe(false)

    // The rebuild recounts the same segments from the raw events.
    await rebuildRollups(payload, [String(experiment.id)])
    const rebuilt = await getSegmentResults(payload, String(experiment.id), [
      { id: String(a.id), name: 'Original', trafficPercentage: 50 },
      { id: String(b.id), name: 'Bold', trafficPercentage: 50 },
    ])
    expect(rebuilt.dimensions).toEqual(results.dimensions)
  })

  it('breaks any goal down by the same segments (its reaching visitors as conversions)', async () => {
    const { variants, experiment } = await twoArms()
    const [a, b] = variants
    const signup = (variant: Variant, visitorId: string): QueuedEvent => ({
      eventType: 'custom',
      eventName: 'signup',
      experiment: String(experiment.id),
      variant: String(variant.id),
      visitorId,
      timestamp: '2026-11-20T10:30:00.000Z',
    })
    const events = [
      ...visitors(experiment, a, mobileGoogle, 50, 0),
      ...visitors(experiment, b, mobileGoogle, 50, 0),
      ...visitors(experiment, a, desktopDirect, 50, 0),
    ]
    await bulkInsertEvents(payload, events)
    // Signups: 5 mobile visitors of b, 2 desktop visitors of a (their ids, as visitors() makes them).
    await bulkInsertEvents(payload, [
      ...Array.from({ length: 5 }, (_, i) => signup(b, `${b.id}-mobile-google-2026-11-20-${i}`)),
      ...Array.from({ length: 2 }, (_, i) => signup(a, `${a.id}-desktop-direct-2026-11-20-${i}`)),
    ])
    const arms = [
      { id: String(a.id), name: 'Original', trafficPercentage: 50 },
      { id: String(b.id), name: 'Bold', trafficPercentage: 50 },
    ]
    const goal = await getSegmentResults(payload, String(experiment.id), arms, {
      goal: 'custom:signup',
      alpha: 0.025,
    })
    const device = goal.dimensions.find((d) => d.dimension === 'device')!
    expect(
      device.rows.map((row) => [row.value, row.arms.map((arm) => [arm.visitors, arm.conversions])]),
    ).toEqual([
      [
        'desktop',
        [
          [50, 2],
          [0, 0],
        ],
      ],
      [
        'mobile',
        [
          [50, 0],
          [50, 5],
        ],
      ],
    ])
    // At the goal's own α (here 5% ÷ 2 goals), split over the rows.
    expect(goal.intervalLevel).toBeCloseTo(1 - 0.025 / goal.comparisons, 9)
    // The lead (no goal given) counts no signups here.
    const lead = await getSegmentResults(payload, String(experiment.id), arms)
    expect(
      lead.dimensions[0].rows.flatMap((row) => row.arms.map((arm) => arm.conversions)),
    ).toEqual([0, 0, 0, 0])
  })

  it('checks the split within each segment, groups small sources and long periods', async () => {
    const { variants, experiment } = await twoArms()
    const [a, b] = variants
    const events: QueuedEvent[] = [
      // Mobile visitors all went to one arm (a cache splitting by device, say): a mismatch there.
      ...visitors(experiment, a, mobileGoogle, 300, 10),
      ...visitors(experiment, b, mobileGoogle, 100, 10),
    ]
    // Sixteen sources of growing size, each on its own day of October (16 landing days).
    for (let s = 0; s < 16; s++) {
      const day = `2026-10-${String(1 + s * 2).padStart(2, '0')}`
      const segment = { device: 'desktop', source: `site${s}.example`, visitor: 'new' } as Segment
      events.push(...visitors(experiment, a, segment, 10 + s, 1, day))
      events.push(...visitors(experiment, b, segment, 10 + s, 1, day))
    }
    await bulkInsertEvents(payload, events)
    const results = await getSegmentResults(payload, String(experiment.id), [
      { id: String(a.id), name: 'Original', trafficPercentage: 50 },
      { id: String(b.id), name: 'Bold', trafficPercentage: 50 },
    ])
    const device = results.dimensions.find((d) => d.dimension === 'device')!
    expect(device.rows.find((row) => row.value === 'mobile')!.srmFlagged).toBe(true)
    expect(device.rows.find((row) => row.value === 'desktop')!.srmFlagged).toBe(false)
    const source = results.dimensions.find((d) => d.dimension === 'source')!
    // The 8 largest by visitors, then the rest together.
    expect(source.rows).toHaveLength(9)
    expect(source.rows.map((row) => row.value)).toContain('other sources')
    expect(source.rows.map((row) => row.value)).not.toContain('site0.example')
    // More than 14 landing days: by week (Mondays).
    const day = results.dimensions.find((d) => d.dimension === 'day')!
    expect(day.rows.every((row) => /^week of 2026-\d\d-\d\d$/.test(row.value))).toBe(true)
    expect(day.rows[0].value).toBe('week of 2026-09-28')
    // With a changed split, the check within segments is left to the allocation periods.
    const changed = await getSegmentResults(
      payload,
      String(experiment.id),
      [
        { id: String(a.id), name: 'Original', trafficPercentage: 50 },
        { id: String(b.id), name: 'Bold', trafficPercentage: 50 },
      ],
      { periodsChanged: true },
    )
    expect(changed.dimensions[0].rows[0].srmFlagged).toBeNull()
    expect(changed.srmNote).toMatch(/split changed/)
  })
})
