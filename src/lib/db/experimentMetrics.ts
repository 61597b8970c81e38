import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'
import { idOf } from '../ids'

export type VariantMetrics = {
  variant: string
  /** Distinct visitors with an impression. */
  visitors: number
  /** Distinct exposed visitors with a conversion attributed to the same variant. */
  conversions: number
  impressions: number
  conversionEvents: number
  clicks: number
}

export type DailyMetrics = { day: string; variant: string; visitors: number; conversions: number }

export type ExperimentMetrics = { variants: VariantMetrics[]; daily: DailyMetrics[] }

type VisitorRow = { variant: string; firstSeen: string | null; firstConversion: string | null }

/** Turns per-visitor first-exposure and first-conversion days into the metrics. */
function summarise(
  visitors: Iterable<VisitorRow>,
  raw: { variant: string; type: string; n: number }[],
) {
  const byVariant = new Map<string, VariantMetrics>()
  const get = (variant: string) => {
    let entry = byVariant.get(variant)
    if (!entry) {
      entry = {
        variant,
        visitors: 0,
        conversions: 0,
        impressions: 0,
        conversionEvents: 0,
        clicks: 0,
      }
      byVariant.set(variant, entry)
    }
    return entry
  }
  const daily = new Map<string, DailyMetrics>()
  const day = (d: string, variant: string) => {
    const key = `${d}|${variant}`
    let entry = daily.get(key)
    if (!entry) daily.set(key, (entry = { day: d, variant, visitors: 0, conversions: 0 }))
    return entry
  }
  for (const row of visitors) {
    if (!row.firstSeen) continue
    get(row.variant).visitors++
    day(row.firstSeen, row.variant).visitors++
    if (row.firstConversion) {
      get(row.variant).conversions++
      day(row.firstConversion < row.firstSeen ? row.firstSeen : row.firstConversion, row.variant)
        .conversions++
    }
  }
  for (const { variant, type, n } of raw) {
    const entry = get(variant)
    if (type === 'impression') entry.impressions += n
    else if (type === 'conversion') entry.conversionEvents += n
    else if (type === 'click') entry.clicks += n
  }
  return {
    variants: [...byVariant.values()],
    daily: [...daily.values()].sort(
      (a, b) => a.day.localeCompare(b.day) || a.variant.localeCompare(b.variant),
    ),
  }
}

type SqliteDb = { drizzle: { all<T>(query: unknown): Promise<T[]> } }

async function sqliteMetrics(payload: Payload, experimentId: string): Promise<ExperimentMetrics> {
  const db = payload.db as unknown as SqliteDb
  const id = Number(experimentId)
  // One pass groups events by visitor; the database returns one row per visitor and variant.
  const visitors = await db.drizzle.all<VisitorRow>(sql`
    SELECT CAST(variant_id AS TEXT) AS variant,
           MIN(CASE WHEN event_type = 'impression' THEN day END) AS firstSeen,
           MIN(CASE WHEN event_type = 'conversion' THEN day END) AS firstConversion
      FROM analytics_events
     WHERE experiment_id = ${id} AND event_type IN ('impression', 'conversion') AND variant_id IS NOT NULL
     GROUP BY variant_id, visitor_id`)
  const raw = await db.drizzle.all<{ variant: string; type: string; n: number }>(sql`
    SELECT CAST(variant_id AS TEXT) AS variant, event_type AS type, COUNT(*) AS n
      FROM analytics_events
     WHERE experiment_id = ${id} AND variant_id IS NOT NULL
     GROUP BY variant_id, event_type`)
  return summarise(visitors, raw)
}

type MongoCollection = {
  aggregate<T>(pipeline: object[], options?: object): AsyncIterable<T> & { toArray(): Promise<T[]> }
}
type ObjectIdClass = { new (id: string): unknown; isValid(id: string): boolean }
type MongoModel = { collection: MongoCollection; base: { Types: { ObjectId: ObjectIdClass } } }
type MongoDb = { collections: Record<string, MongoModel> }

async function mongoMetrics(payload: Payload, experimentId: string): Promise<ExperimentMetrics> {
  const model = (payload.db as unknown as MongoDb).collections['analytics-events']
  const events = model.collection
  const { ObjectId } = model.base.Types
  const id = ObjectId.isValid(experimentId) ? new ObjectId(experimentId) : experimentId
  // FerretDB 1.24 (CI's MongoDB stand-in) has no $min/$max/$cond in $group, so the database
  // returns distinct (variant, visitor, type, day) tuples and the first days are found here.
  // On MongoDB itself a single $group with $min/$cond would return per-visitor rows directly.
  const tuples = events.aggregate<{
    _id: { variant: unknown; visitorId: string; type: string; day: string }
  }>(
    [
      {
        $match: {
          experiment: id,
          eventType: { $in: ['impression', 'conversion'] },
          variant: { $ne: null },
        },
      },
      {
        $group: {
          _id: { variant: '$variant', visitorId: '$visitorId', type: '$eventType', day: '$day' },
        },
      },
    ],
    { allowDiskUse: true },
  )
  const perVisitor = new Map<string, VisitorRow>()
  for await (const { _id } of tuples) {
    const variant = String(_id.variant)
    const key = `${variant}|${_id.visitorId}`
    const row = perVisitor.get(key) ?? { variant, firstSeen: null, firstConversion: null }
    const field = _id.type === 'impression' ? 'firstSeen' : 'firstConversion'
    if (!row[field] || _id.day < row[field]!) row[field] = _id.day
    perVisitor.set(key, row)
  }
  const raw = await events
    .aggregate<{ _id: { variant: unknown; type: string }; n: number }>([
      { $match: { experiment: id, variant: { $ne: null } } },
      { $group: { _id: { variant: '$variant', type: '$eventType' }, n: { $sum: 1 } } },
    ])
    .toArray()
  return summarise(
    perVisitor.values(),
    raw.map(({ _id, n }) => ({ variant: String(_id.variant), type: _id.type, n })),
  )
}

/**
 * The same metrics computed from the raw events by the database (an SQL path and a MongoDB path).
 * Costs what the number of events costs; kept to check the rollups against and to rebuild them.
 */
export function experimentMetricsFromEvents(
  payload: Payload,
  experimentId: string,
): Promise<ExperimentMetrics> {
  return payload.db.defaultIDType === 'number'
    ? sqliteMetrics(payload, experimentId)
    : mongoMetrics(payload, experimentId)
}

/**
 * Per-variant visitor-level counts and raw event counts of one experiment, plus the same per
 * day, read from the daily rollups (src/lib/db/rollups): the cost grows with variants × days,
 * not with the number of events.
 */
export async function experimentMetrics(
  payload: Payload,
  experimentId: string,
): Promise<ExperimentMetrics> {
  const { docs } = await payload.find({
    collection: 'experiment-daily',
    where: { experiment: { equals: experimentId } },
    depth: 0,
    pagination: false,
    limit: 0,
  })
  const variants = new Map<string, VariantMetrics>()
  const daily: DailyMetrics[] = []
  for (const row of docs) {
    const variant = idOf(row.variant)
    const total = variants.get(variant) ?? {
      variant,
      visitors: 0,
      conversions: 0,
      impressions: 0,
      conversionEvents: 0,
      clicks: 0,
    }
    total.visitors += row.visitors ?? 0
    total.conversions += row.conversions ?? 0
    total.impressions += row.impressions ?? 0
    total.conversionEvents += row.conversionEvents ?? 0
    total.clicks += row.clicks ?? 0
    variants.set(variant, total)
    if (row.visitors || row.conversions) {
      daily.push({
        day: row.day,
        variant,
        visitors: row.visitors ?? 0,
        conversions: row.conversions ?? 0,
      })
    }
  }
  daily.sort((a, b) => a.day.localeCompare(b.day) || a.variant.localeCompare(b.variant))
  return { variants: [...variants.values()], daily }
}
