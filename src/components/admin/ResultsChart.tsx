'use client'

import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { SERIES_COLORS as COLORS } from '@/components/admin/seriesColors'
import type { SeriesPoint } from '@/lib/experiments/getExperimentResults'

type Props = {
  series: SeriesPoint[]
  variants: { id: string; name: string }[]
  changes: { day: string; kind: string; note: string }[]
}

/** Cumulative conversion rate per variant by day, with changes made while running marked. */
export function ResultsChart({ series, variants, changes }: Props) {
  if (series.length === 0)
    return <p className="sp-muted">The chart appears once visitors arrive.</p>
  return (
    <figure className="sp-chart" aria-label="Cumulative conversion rate per variant">
      <ResponsiveContainer width="100%" height={320}>
        <LineChart data={series} margin={{ top: 16, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis tickFormatter={(v: number) => `${(v * 100).toFixed(1)}%`} width={64} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(2)}%` : '—')} />
          <Legend />
          {variants.map((variant, index) => (
            <Line
              key={variant.id}
              type="monotone"
              dataKey={variant.id}
              name={variant.name}
              stroke={COLORS[index % COLORS.length]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
          {changes.map((change, index) => (
            <ReferenceLine
              key={`${change.day}-${index}`}
              x={change.day}
              stroke="#b42318"
              strokeDasharray="4 4"
              label={{ value: change.kind, position: 'top', fill: '#b42318', fontSize: 11 }}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
      <figcaption className="sp-muted">
        Cumulative conversion rate per variant. Dashed red lines mark changes made while running.
      </figcaption>
    </figure>
  )
}
