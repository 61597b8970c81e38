import 'server-only'

import { sql } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { byAdapter } from './byAdapter'
import { mongoModels, sqliteHandle } from './handles'

/**
 * Newly exposed visitors (`visitors`) and newly converting ones (`conversions`) per allocation
 * period, variant and day: the day of first exposure for the first, of first conversion for the
 * second (not before the exposure's, as in the daily rollups, which do not know periods).
 */
export type PeriodDailyMetrics = {
  period: number
  variant: string
  day: string
  visitors: number
  conversions: number
}

type Row = { period: number | null; variant: unknown; day: string; n: number }

/**
 * Read only for an experiment whose split changed while it ran: one grouped query over its
 * exposures (one row per visitor), so it costs O(visitors) in the database where the daily
 * rollups cost O(variants × days). Experiments with one allocation period never call it.
 */
export async function periodMetrics(
  payload: Payload,
  experimentId: string,
): Promise<PeriodDailyMetrics[]> {
  const [exposed, converted] = await byAdapter(payload, {
    sqlite: () => {
      const db = sqliteHandle(payload).drizzle
      const id = Number(experimentId)
      return Promise.all([
        db.all<Row>(sql`
          SELECT allocation_period AS period, variant_id AS variant, exposed_day AS day,
                 COUNT(*) AS n
            FROM experiment_exposures WHERE experiment_id = ${id}
           GROUP BY allocation_period, variant_id, exposed_day`),
        db.all<Row>(sql`
          SELECT allocation_period AS period, variant_id AS variant,
                 MAX(converted_day, exposed_day) AS day, COUNT(*) AS n
            FROM experiment_exposures
           WHERE experiment_id = ${id} AND converted_day IS NOT NULL
           GROUP BY allocation_period, variant_id, MAX(converted_day, exposed_day)`),
      ])
    },
    mongodb: () => {
      const model = mongoModels(payload)['experiment-exposures']
      const experiment = new model.base.Types.ObjectId(experimentId)
      type Grouped = {
        _id: { period: number | null; variant: unknown; exposed: string; converted?: string }
        n: number
      }
      // Grouped by both days, the later taken here: FerretDB has no $max expression in $group.
      const grouped = (match: object, converted: boolean) =>
        model.collection
          .aggregate<Grouped>([
            { $match: { experiment, ...match } },
            {
              $group: {
                _id: {
                  period: '$allocationPeriod',
                  variant: '$variant',
                  exposed: '$exposedDay',
                  ...(converted ? { converted: '$convertedDay' } : {}),
                },
                n: { $sum: 1 },
              },
            },
          ])
          .toArray()
          .then((rows) =>
            rows.map(({ _id, n }) => ({
              period: _id.period,
              variant: _id.variant,
              day: _id.converted && _id.converted > _id.exposed ? _id.converted : _id.exposed,
              n,
            })),
          )
      return Promise.all([grouped({}, false), grouped({ convertedDay: { $ne: null } }, true)])
    },
  })
  const rows = new Map<string, PeriodDailyMetrics>()
  const add = (row: Row, counter: 'visitors' | 'conversions') => {
    const period = Number(row.period ?? 0)
    const variant = String(row.variant)
    const key = `${period}|${variant}|${row.day}`
    const entry = rows.get(key) ?? { period, variant, day: row.day, visitors: 0, conversions: 0 }
    entry[counter] += Number(row.n)
    rows.set(key, entry)
  }
  for (const row of exposed) add(row, 'visitors')
  for (const row of converted) add(row, 'conversions')
  return [...rows.values()].sort(
    (a, b) =>
      a.day.localeCompare(b.day) || a.period - b.period || a.variant.localeCompare(b.variant),
  )
}
