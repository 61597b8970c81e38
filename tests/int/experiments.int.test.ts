import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { getAssignedVariant } from '@/lib/experiments/getAssignedVariant'
import { loadAssignmentSnapshot } from '@/lib/experiments/loadSnapshot'
import { completeEndedExperiments } from '@/lib/experiments/scheduleTask'
import { getOrCreateVisitorId } from '@/lib/visitor/visitorId'
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

const visitor = () => getOrCreateVisitorId(null).visitorId

describe('experiment rules (beforeChange hook)', () => {
  it('accepts a valid running experiment and gives it a fixed hash seed', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const experiment = await makeExperiment(payload, page, [a, b])
    expect(experiment.hashSeed).toMatch(/^[A-Za-z0-9_-]{12}$/)
    const updated = await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { hashSeed: 'tampered', name: 'Renamed' },
    })
    expect(updated.hashSeed).toBe(experiment.hashSeed)
  })

  it('refuses percentages that do not add up to 100 when running, allows them in a draft', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const rows = [
      { variant: a.id, trafficPercentage: 60 },
      { variant: b.id, trafficPercentage: 30 },
    ]
    expect(
      await rejectionMessages(
        payload.create({
          collection: 'experiments',
          data: { name: 'x', page: page.id, status: 'running', variants: rows },
        }),
      ),
    ).toMatch(
      'Traffic percentages add up to 90%; they must add up to exactly 100% to run the experiment.',
    )
    const draft = await payload.create({
      collection: 'experiments',
      data: { name: 'draft', page: page.id, status: 'draft', variants: rows },
    })
    expect(draft.status).toBe('draft')
    expect(
      await rejectionMessages(
        payload.update({ collection: 'experiments', id: draft.id, data: { status: 'running' } }),
      ),
    ).toMatch(/add up to 90%/)
  })

  it('refuses a variant of another page, naming both pages', async () => {
    const page = await makePage(payload)
    const other = await makePage(payload)
    const a = await makeVariant(payload, page, 'Mine')
    const foreign = await makeVariant(payload, other, 'Foreign')
    const messages = await rejectionMessages(makeExperiment(payload, page, [a, foreign]))
    expect(messages).toMatch(
      `Variant "Foreign" belongs to the page "${other.title}", not to "${page.title}"`,
    )
    // The admin's toast shows the error's first line: labels in words, with the reason, no paths.
    expect(messages.split('\n')[0]).toBe(
      `The following field is invalid: Variant 2 — Variant "Foreign" belongs to the page "${other.title}", not to "${page.title}"; choose variants of this experiment's page.`,
    )
  })

  it('needs at least 2 variants to run', async () => {
    const page = await makePage(payload)
    const a = await makeVariant(payload, page, 'Only')
    expect(await rejectionMessages(makeExperiment(payload, page, [a]))).toMatch(
      'An experiment needs at least 2 variants (the first one is the control); it has 1.',
    )
  })

  it('refuses a variant listed twice', async () => {
    const page = await makePage(payload)
    const a = await makeVariant(payload, page, 'Twice')
    expect(await rejectionMessages(makeExperiment(payload, page, [a, a]))).toMatch(
      'Variant "Twice" is listed twice',
    )
  })

  it('refuses a percentage outside 0–100', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    const messages = await rejectionMessages(
      payload.create({
        collection: 'experiments',
        data: {
          name: 'x',
          page: page.id,
          status: 'draft',
          variants: [
            { variant: a.id, trafficPercentage: 150 },
            { variant: b.id, trafficPercentage: -50 },
          ],
        },
      }),
    )
    expect(messages).toMatch(/Traffic %|0 to 100|greater|less/i)
  })

  it('allows one running experiment per page and names the other one', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    await makeExperiment(payload, page, [a, b], { name: 'First test' })
    expect(
      await rejectionMessages(makeExperiment(payload, page, [a, b], { name: 'Second test' })),
    ).toMatch(
      `The page "${page.title}" already has a running experiment, "First test"; pause or complete it first.`,
    )
    const paused = await makeExperiment(payload, page, [a, b], { name: 'Paused', status: 'paused' })
    expect(paused.status).toBe('paused')
  })

  it('needs the end date after the start date', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    expect(
      await rejectionMessages(
        makeExperiment(payload, page, [a, b], {
          startDate: '2026-06-02T00:00:00.000Z',
          endDate: '2026-06-01T00:00:00.000Z',
        }),
      ),
    ).toMatch('The end date must be after the start date.')
  })

  it('refuses to delete a variant that a running experiment serves', async () => {
    const page = await makePage(payload)
    const [a, b] = [await makeVariant(payload, page, 'A'), await makeVariant(payload, page, 'B')]
    await makeExperiment(payload, page, [a, b], { name: 'Live test' })
    expect(await rejectionMessages(payload.delete({ collection: 'variants', id: b.id }))).toMatch(
      'served by the running experiment "Live test"',
    )
  })

  it('anonymous visitors can neither read nor write experiments and variants', async () => {
    await expect(
      payload.find({ collection: 'experiments', overrideAccess: false }),
    ).rejects.toThrow(/not allowed/i)
    await expect(payload.find({ collection: 'variants', overrideAccess: false })).rejects.toThrow(
      /not allowed/i,
    )
    const page = await makePage(payload)
    await expect(
      payload.create({
        collection: 'variants',
        overrideAccess: false,
        data: { name: 'x', page: page.id },
      }),
    ).rejects.toThrow(/not allowed/i)
  })
})

describe('variants', () => {
  it("copies the page's layout in one step, with fresh block ids", async () => {
    const page = await makePage(payload, 'Original headline')
    const copy = await payload.create({
      collection: 'variants',
      data: {
        _status: 'published',
        name: 'Copy',
        page: page.id,
        copyPageLayout: true,
      },
    })
    expect(copy.layout?.map((b) => b.blockType)).toEqual(['hero', 'cta'])
    expect(copy.layout?.[0]).toMatchObject({ headline: 'Original headline' })
    expect(copy.layout?.[0].id).not.toBe(page.layout[0].id)
    expect(copy.copyPageLayout).toBe(false)
  })
})

describe('getAssignedVariant', () => {
  it('serves the page layout when the page has no serving experiment', async () => {
    const page = await makePage(payload, 'Plain')
    const result = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId: visitor() })
    expect(result).toMatchObject({ experiment: null, variant: null })
    expect(result?.layout[0]).toMatchObject({ headline: 'Plain' })
  })

  it('returns null for an unknown page', async () => {
    expect(
      await getAssignedVariant(payload, { pageSlug: 'no-such-page', visitorId: visitor() }),
    ).toBeNull()
  })

  it("assigns deterministically and renders the variant's layout, or the page's for an empty one", async () => {
    const page = await makePage(payload, 'Control headline')
    const control = await makeVariant(payload, page, 'Control')
    const bold = await makeVariant(payload, page, 'Bold', 'Bold headline')
    const experiment = await makeExperiment(payload, page, [control, bold])
    const seen = new Map<string, string>()
    for (let i = 0; i < 200; i++) {
      const visitorId = visitor()
      const first = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId })
      const again = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId })
      expect(String(first?.experiment?.id)).toBe(String(experiment.id))
      expect(again?.variant?.id).toBe(first?.variant?.id)
      const headline = (first?.layout[0] as { headline: string }).headline
      seen.set(String(first?.variant?.id), headline)
    }
    expect(seen.get(String(control.id))).toBe('Control headline')
    expect(seen.get(String(bold.id))).toBe('Bold headline')
  })

  it('serves the page layout when the experiment is paused, completed or outside its dates', async () => {
    const page = await makePage(payload, 'Own layout')
    const [a, b] = [
      await makeVariant(payload, page, 'A', 'A'),
      await makeVariant(payload, page, 'B', 'B'),
    ]
    const experiment = await makeExperiment(payload, page, [a, b])
    const visitorId = visitor()
    expect(
      (await getAssignedVariant(payload, { pageSlug: page.slug, visitorId }))?.experiment,
    ).not.toBeNull()

    for (const status of ['paused', 'completed'] as const) {
      await payload.update({ collection: 'experiments', id: experiment.id, data: { status } })
      const result = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId })
      expect(result?.experiment).toBeNull()
      expect(result?.layout[0]).toMatchObject({ headline: 'Own layout' })
    }

    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: { status: 'running', startDate: '2030-01-01T00:00:00.000Z' },
    })
    expect(
      (await getAssignedVariant(payload, { pageSlug: page.slug, visitorId }))?.experiment,
    ).toBeNull()
    const later = new Date('2030-01-02T00:00:00.000Z')
    expect(
      (await getAssignedVariant(payload, { pageSlug: page.slug, visitorId, now: later }))
        ?.experiment,
    ).not.toBeNull()
  })

  it('keeps an assigned visitor on their variant when the split changes', async () => {
    const page = await makePage(payload)
    const [a, b] = [
      await makeVariant(payload, page, 'A', 'A'),
      await makeVariant(payload, page, 'B', 'B'),
    ]
    const experiment = await makeExperiment(payload, page, [a, b])
    const visitorId = visitor()
    const first = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId })
    const sticky = { [String(experiment.id)]: String(first!.variant!.id) }

    // Everyone new goes to the arm this visitor is not in.
    const other = String(first!.variant!.id) === String(a.id) ? b : a
    await payload.update({
      collection: 'experiments',
      id: experiment.id,
      data: {
        variants: [
          { variant: a.id, trafficPercentage: other.id === a.id ? 100 : 0 },
          { variant: b.id, trafficPercentage: other.id === b.id ? 100 : 0 },
        ],
      },
    })
    const kept = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId, sticky })
    expect(kept?.variant?.id).toBe(first?.variant?.id)
    expect(kept?.fresh).toBe(false)
    const newcomer = await getAssignedVariant(payload, {
      pageSlug: page.slug,
      visitorId: visitor(),
    })
    expect(newcomer?.variant?.id).toBe(other.id)
  })

  it('adds no database query once warm', async () => {
    const page = await makePage(payload)
    const [a, b] = [
      await makeVariant(payload, page, 'A', 'A'),
      await makeVariant(payload, page, 'B', 'B'),
    ]
    await makeExperiment(payload, page, [a, b])
    // Warm: enough visitors that both variants have been loaded once.
    for (let i = 0; i < 50; i++)
      await getAssignedVariant(payload, { pageSlug: page.slug, visitorId: visitor() })

    const calls: string[] = []
    const db = payload.db as unknown as Record<string, (...args: unknown[]) => unknown>
    const originals = Object.fromEntries(
      ['find', 'findOne', 'count'].map((name) => [name, db[name]]),
    )
    for (const name of Object.keys(originals)) {
      db[name] = (...args: unknown[]) => {
        calls.push(name)
        return originals[name].apply(payload.db, args)
      }
    }
    try {
      for (let i = 0; i < 20; i++)
        await getAssignedVariant(payload, { pageSlug: page.slug, visitorId: visitor() })
    } finally {
      Object.assign(db, originals)
    }
    expect(calls).toEqual([])
  })
})

describe('the marketer’s next test', () => {
  it('Duplicate gives a draft: “(copy)”, new seed, no winner, dates or change log, its own variant copies', async () => {
    const page = await makePage(payload)
    const control = await makeVariant(payload, page, 'Control')
    const bold = await makeVariant(payload, page, 'Bold', 'Bold headline')
    const running = await makeExperiment(payload, page, [control, bold], {
      name: 'Spring test',
      startDate: '2026-01-01T00:00:00.000Z',
    })
    // A change while running, so the original has a change log to leave behind.
    await payload.update({
      collection: 'experiments',
      id: running.id,
      data: { status: 'paused' },
    })
    const original = await payload.update({
      collection: 'experiments',
      id: running.id,
      data: { status: 'running' },
    })
    expect(original.changeLog?.length).toBeGreaterThan(0)

    const copy = await payload.duplicate({ collection: 'experiments', id: running.id, depth: 0 })
    expect(copy.name).toBe('Spring test (copy)')
    expect(copy.status).toBe('draft')
    expect(copy.winner ?? null).toBeNull()
    expect(copy.startDate ?? null).toBeNull()
    expect(copy.changeLog ?? []).toEqual([])
    expect(copy.hashSeed).toBeTruthy()
    expect(copy.hashSeed).not.toBe(original.hashSeed)
    const copied = (copy.variants ?? []).map((row) => String(row.variant))
    expect(copied).toHaveLength(2)
    expect(copied).not.toContain(String(control.id))
    expect(copied).not.toContain(String(bold.id))
    expect((copy.variants ?? []).map((row) => row.trafficPercentage)).toEqual([50, 50])
    const boldCopy = await payload.findByID({ collection: 'variants', id: copied[1], depth: 0 })
    expect(boldCopy.name).toBe('Bold (copy)')
    expect(boldCopy.layout?.[0]).toMatchObject({ blockType: 'hero', headline: 'Bold headline' })
    // The original is untouched and still the page's running experiment.
    const still = await payload.findByID({ collection: 'experiments', id: running.id, depth: 0 })
    expect(still.status).toBe('running')
  })

  it('completes a running experiment once its end date has passed (the scheduled job)', async () => {
    const page = await makePage(payload)
    const a = await makeVariant(payload, page, 'A')
    const b = await makeVariant(payload, page, 'B', 'B')
    const ended = await makeExperiment(payload, page, [a, b], {
      startDate: '2026-01-01T00:00:00.000Z',
      endDate: '2026-02-01T00:00:00.000Z',
    })
    const otherPage = await makePage(payload)
    const c = await makeVariant(payload, otherPage, 'C')
    const d = await makeVariant(payload, otherPage, 'D', 'D')
    const ongoing = await makeExperiment(payload, otherPage, [c, d], {
      endDate: '2099-01-01T00:00:00.000Z',
    })
    const completed = await completeEndedExperiments(payload, new Date('2026-03-01T00:00:00Z'))
    expect(completed).toContain(ended.name)
    expect(completed).not.toContain(ongoing.name)
    const after = await payload.findByID({ collection: 'experiments', id: ended.id, depth: 0 })
    expect(after.status).toBe('completed')
    expect(after.changeLog?.at(-1)).toMatchObject({ kind: 'status', note: 'running → completed' })
    // The page is free for the next experiment.
    const next = await makeExperiment(payload, page, [a, b], { name: 'Next test on the page' })
    expect(next.status).toBe('running')
  })
})

describe('traffic allocation', () => {
  it('keeps visitors outside the allocated share on the page as it is, unassigned', async () => {
    const page = await makePage(payload)
    const a = await makeVariant(payload, page, 'A')
    const b = await makeVariant(payload, page, 'B', 'B')
    await makeExperiment(payload, page, [a, b], { trafficAllocation: 10 })
    let assigned = 0
    for (let i = 0; i < 400; i++) {
      const { visitorId } = getOrCreateVisitorId(undefined)
      const served = await getAssignedVariant(payload, { pageSlug: page.slug, visitorId })
      if (served?.experiment) assigned++
    }
    // 10% of 400 = 40, ± 4 standard errors (6 each).
    expect(assigned).toBeGreaterThan(16)
    expect(assigned).toBeLessThan(64)
  })
})

describe('audiences', () => {
  it('are saved, checked, and carried to the proxy’s snapshot', async () => {
    const page = await makePage(payload, 'Audience page')
    const variants = [
      await makeVariant(payload, page, 'A'),
      await makeVariant(payload, page, 'B', 'B'),
    ]
    const experiment = await makeExperiment(payload, page, variants, {
      audience: {
        match: 'any',
        rules: [
          { attribute: 'device', operator: 'is', value: 'mobile, tablet' },
          { attribute: 'query', parameter: 'plan', operator: 'is', value: 'pro' },
        ],
      },
    })
    const snapshot = await loadAssignmentSnapshot(payload)
    expect(snapshot.experiments.find((e) => e.id === String(experiment.id))?.audience).toEqual({
      match: 'any',
      rules: [
        { attribute: 'device', operator: 'is', value: 'mobile, tablet', parameter: null },
        { attribute: 'query', operator: 'is', value: 'pro', parameter: 'plan' },
      ],
    })
    for (const [rule, message] of [
      [
        { attribute: 'device', operator: 'is', value: 'phone' },
        '"phone" is not one of: mobile, tablet, desktop.',
      ],
      [
        { attribute: 'visitor', operator: 'is', value: 'loyal' },
        '"loyal" is not one of: new, returning.',
      ],
      [{ attribute: 'query', operator: 'is', value: 'pro' }, 'Name the query parameter.'],
    ] as const) {
      expect(
        await rejectionMessages(
          payload.update({
            collection: 'experiments',
            id: experiment.id,
            data: { audience: { match: 'all', rules: [rule] } },
          }),
        ),
      ).toContain(message)
    }
  })
})
