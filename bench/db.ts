// Database-side helpers for bench/run.mjs (bundled by scripts/bundle.mjs), against DATABASE_URI:
//   setup  — create the benchmark pages and a running 50/50 experiment, print their ids
//   count  — count stored click events of the benchmark visitors
//   scale  — time experiment results at SCALE_SMALL and SCALE_LARGE events vs reading every event
//   hash   — assignment hashing throughput, ours vs the GrowthBook SDK's, in this process
//   consent-on / consent-off — turn the site's consent mode on or off
//   dashboard — time the results of an experiment with 10 variants over 365 days of events
//            (DASHBOARD_EVENTS, default 1 000 000), and the database size per million events
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'

import config from '@payload-config'
import { sql } from '@payloadcms/db-sqlite'
import { getPayload, type Payload } from 'payload'

import { bulkInsertEvents } from '@/lib/db/bulkInsertEvents'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { hash } from '@/lib/experiments/hash'
import { withoutIds } from '@/lib/ids'
import type { QueuedEvent } from '@/lib/db/events'

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]
const out = (value: unknown) => console.log(`BENCH_RESULT ${JSON.stringify(value)}`)

async function setup(payload: Payload) {
  const home = (
    await payload.find({ collection: 'pages', where: { slug: { equals: 'home' } }, depth: 0 })
  ).docs[0]
  const layout = withoutIds(home.layout) as typeof home.layout
  const plain = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Bench plain',
      slug: 'bench-plain',
      layout,
    },
  })
  const page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Bench experiment',
      slug: 'bench-exp',
      layout,
    },
  })
  const control = await payload.create({
    collection: 'variants',
    data: {
      _status: 'published',
      name: 'Control',
      page: page.id,
    },
  })
  const copy = await payload.create({
    collection: 'variants',
    data: {
      _status: 'published',
      name: 'Copy',
      page: page.id,
      copyPageLayout: true,
    },
  })
  const experiment = await payload.create({
    collection: 'experiments',
    data: {
      name: 'Bench 50/50',
      page: page.id,
      status: 'running',
      variants: [
        { variant: control.id, trafficPercentage: 50 },
        { variant: copy.id, trafficPercentage: 50 },
      ],
    },
  })
  // The same content in an experiment with targeting rules (desktop visitors of one campaign),
  // a 100% allocation, goals and segments: the proxy evaluates the audience on every new visit.
  const targeted = await payload.create({
    collection: 'pages',
    data: { _status: 'published', title: 'Bench targeted', slug: 'bench-target', layout },
  })
  const targetedArms = []
  for (const name of ['Control', 'Copy'])
    targetedArms.push(
      await payload.create({
        collection: 'variants',
        data: { _status: 'published', name, page: targeted.id, copyPageLayout: name === 'Copy' },
      }),
    )
  await payload.create({
    collection: 'experiments',
    data: {
      name: 'Bench targeted',
      page: targeted.id,
      status: 'running',
      audience: {
        match: 'all',
        rules: [
          { attribute: 'device', operator: 'is', value: 'desktop' },
          { attribute: 'utm_campaign', operator: 'is', value: 'bench' },
        ],
      },
      goals: [
        { role: 'secondary', kind: 'click', blockType: 'cta' },
        { role: 'guardrail', kind: 'pageview', path: '/bench-plain' },
      ],
      variants: targetedArms.map((arm) => ({ variant: arm.id, trafficPercentage: 50 })),
    },
  })
  const cta = plain.layout.find((block) => block.blockType === 'cta')
  out({ plainId: plain.id, pageId: page.id, experimentId: experiment.id, ctaBlockId: cta?.id })
}

async function count(payload: Payload) {
  const { totalDocs } = await payload.count({
    collection: 'analytics-events',
    where: { and: [{ eventType: { equals: 'click' } }, { visitorId: { like: 'bench' } }] },
  })
  out({ clicks: totalDocs })
}

async function insertEvents(
  payload: Payload,
  experiment: { id: string; page: string; variants: string[] },
  n: number,
  offset: number,
) {
  const batch: QueuedEvent[] = []
  const start = Date.now() - 30 * 86_400_000
  for (let i = offset; i < offset + n; i++) {
    const visitor = Math.floor(i / 3)
    batch.push({
      eventType: i % 3 === 2 && visitor % 10 === 0 ? 'conversion' : 'impression',
      page: experiment.page,
      experiment: experiment.id,
      variant: experiment.variants[visitor % 2],
      visitorId: `scale${String(visitor).padStart(16, '0')}`,
      timestamp: new Date(start + (i % 30) * 86_400_000).toISOString(),
    })
    if (batch.length === 5000) await bulkInsertEvents(payload, batch.splice(0))
  }
  await bulkInsertEvents(payload, batch)
}

/** Results of a 10-variant experiment with a year of daily data: what the dashboard computes. */
async function dashboard(payload: Payload) {
  const total = Number(process.env.DASHBOARD_EVENTS || 1_000_000)
  const page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Dashboard',
      slug: `dashboard-bench-${Date.now()}`,
      layout: [{ blockType: 'hero', headline: 'Dashboard' }],
    },
  })
  const docs = []
  for (let i = 0; i < 10; i++) {
    docs.push(
      await payload.create({
        collection: 'variants',
        data: { _status: 'published', name: `Arm ${i}`, page: page.id },
      }),
    )
  }
  const variants = docs.map((variant) => String(variant.id))
  const doc = await payload.create({
    collection: 'experiments',
    data: {
      name: 'Dashboard',
      page: page.id,
      status: 'paused',
      variants: docs.map((variant) => ({ variant: variant.id, trafficPercentage: 10 })),
    },
  })
  const file = (process.env.DATABASE_URI ?? '').replace(/^file:/, '')
  // The database file and its write-ahead log (recent pages live there until a checkpoint).
  const sizeOf = () =>
    fs.statSync(file).size + (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0)
  const sizeBefore = sizeOf()
  const start = Date.now() - 365 * 86_400_000
  const batch: QueuedEvent[] = []
  for (let i = 0; i < total; i++) {
    const visitor = Math.floor(i / 2)
    batch.push({
      eventType: i % 2 === 1 && visitor % 12 === 0 ? 'conversion' : 'impression',
      page: String(page.id),
      experiment: String(doc.id),
      variant: variants[visitor % 10],
      visitorId: `dash${String(visitor).padStart(16, '0')}`,
      timestamp: new Date(
        start + Math.floor((visitor / (total / 2)) * 365) * 86_400_000,
      ).toISOString(),
    })
    if (batch.length === 5000) await bulkInsertEvents(payload, batch.splice(0))
  }
  await bulkInsertEvents(payload, batch)
  const sizeAfter = sizeOf()
  const full = await payload.findByID({ collection: 'experiments', id: doc.id, depth: 1 })
  for (let i = 0; i < 3; i++) await getExperimentResults(payload, full)
  const times: number[] = []
  for (let i = 0; i < 21; i++) {
    const t = performance.now()
    await getExperimentResults(payload, full)
    times.push(performance.now() - t)
  }
  out({
    events: total,
    variants: 10,
    days: 365,
    resultsMs: median(times),
    mbPerMillionEvents: ((sizeAfter - sizeBefore) / 1_048_576) * (1_000_000 / total),
  })
}

async function scale(payload: Payload) {
  const small = Number(process.env.SCALE_SMALL || 100_000)
  const large = Number(process.env.SCALE_LARGE || 1_000_000)
  const page = await payload.create({
    collection: 'pages',
    data: {
      _status: 'published',
      title: 'Scale',
      slug: 'scale-bench',
      layout: [{ blockType: 'hero', headline: 'Scale' }],
    },
  })
  const a = await payload.create({
    collection: 'variants',
    data: { _status: 'published', name: 'A', page: page.id },
  })
  const b = await payload.create({
    collection: 'variants',
    data: { _status: 'published', name: 'B', page: page.id },
  })
  const doc = await payload.create({
    collection: 'experiments',
    data: {
      name: 'Scale',
      page: page.id,
      status: 'paused',
      variants: [
        { variant: a.id, trafficPercentage: 50 },
        { variant: b.id, trafficPercentage: 50 },
      ],
    },
  })
  const experiment = {
    id: String(doc.id),
    page: String(page.id),
    variants: [String(a.id), String(b.id)],
  }
  const full = await payload.findByID({ collection: 'experiments', id: doc.id, depth: 1 })
  // Results take a few milliseconds: warm up, then take the median of many runs.
  const timeResults = async () => {
    for (let i = 0; i < 5; i++) await getExperimentResults(payload, full)
    const times: number[] = []
    for (let i = 0; i < 31; i++) {
      const t = performance.now()
      await getExperimentResults(payload, full)
      times.push(performance.now() - t)
    }
    return median(times)
  }
  await insertEvents(payload, experiment, small, 0)
  const atSmall = await timeResults()
  await insertEvents(payload, experiment, large - small, small)
  const atLarge = await timeResults()
  // The naive alternative: read every event of the experiment into memory.
  const db = payload.db as unknown as { drizzle: { all(query: unknown): Promise<unknown[]> } }
  const times: number[] = []
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    const rows = await db.drizzle.all(
      sql`SELECT * FROM analytics_events WHERE experiment_id = ${Number(doc.id)}`,
    )
    if (rows.length < large) throw new Error(`expected ${large} events, read ${rows.length}`)
    times.push(performance.now() - t)
  }
  out({ small, large, atSmallMs: atSmall, atLargeMs: atLarge, readAllMs: median(times) })
}

async function hashBench() {
  // The SDK's hash is internal (not in its package exports), so its module is loaded by path.
  const util = pathToFileURL(path.resolve('node_modules/@growthbook/growthbook/dist/esm/util.mjs'))
  const growthbook = (await import(util.href)) as {
    hash?: (seed: string, value: string, version: number) => number | null
  }
  const theirs = growthbook.hash
  if (!theirs) throw new Error('the GrowthBook SDK no longer has util.hash')
  const ids = Array.from(
    { length: 200_000 },
    (_, i) => `V1StGXR8_Z5jdHi6B${String(i).padStart(4, '0')}`,
  )
  const run = (fn: (value: string) => unknown) => {
    const times: number[] = []
    for (let round = 0; round < 7; round++) {
      const t = performance.now()
      for (const id of ids) fn(id)
      times.push(performance.now() - t)
    }
    return ids.length / (median(times) / 1000)
  }
  run((id) => hash('seed', id))
  run((id) => theirs('seed', id, 2))
  out({
    oursPerSecond: run((id) => hash('seed', id)),
    growthbookPerSecond: run((id) => theirs('seed', id, 2)),
  })
}

const command = process.argv[2]
if (command === 'hash') {
  await hashBench()
} else {
  const payload = await getPayload({ config })
  if (command === 'setup') await setup(payload)
  else if (command === 'count') await count(payload)
  else if (command === 'scale') await scale(payload)
  else if (command === 'dashboard') await dashboard(payload)
  else if (command === 'consent-on' || command === 'consent-off') {
    await payload.updateGlobal({
      slug: 'site-settings',
      data: { consentMode: command === 'consent-on' },
    })
    out({ consentMode: command === 'consent-on' })
  } else throw new Error(`unknown command ${command}`)
  await payload.destroy()
}
process.exit(0)
