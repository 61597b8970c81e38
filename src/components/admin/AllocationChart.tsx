'use client'

import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { SERIES_COLORS } from '@/components/admin/seriesColors'

type Props = {
  periods: { startedAt: string; weights: number[] }[]
  variants: { id: string; name: string }[]
}

const label = (iso: string) => iso.slice(0, 16).replace('T', ' ')

/**
 * The split over time (one step per allocation period, then now): how traffic moved, by the
 * marketer or by the optimiser.
 */
export function AllocationChart({ periods, variants }: Props) {
  if (periods.length === 0) return null
  const point = (at: string, weights: number[]) => ({
    at: label(at),
    ...Object.fromEntries(variants.map((v, i) => [v.id, weights[i] ?? 0])),
  })
  const data = [
    ...periods.map((period) => point(period.startedAt, period.weights)),
    point(new Date().toISOString(), periods.at(-1)!.weights),
  ]
  return (
    <figure className="sp-chart" aria-label="Traffic split per variant over time">
      <ResponsiveContainer width="100%" height={200}>
        <AreaChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="at" />
          <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} width={48} />
          <Tooltip formatter={(v) => `${v}%`} />
          <Legend />
          {variants.map((variant, index) => (
            <Area
              key={variant.id}
              type="stepAfter"
              dataKey={variant.id}
              name={variant.name}
              stackId="split"
              stroke={SERIES_COLORS[index % SERIES_COLORS.length]}
              fill={SERIES_COLORS[index % SERIES_COLORS.length]}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
      <figcaption className="sp-muted">
        Traffic split over time: one step per allocation period.
      </figcaption>
    </figure>
  )
}
