'use client'

import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { SERIES_COLORS as COLORS } from '@/components/admin/seriesColors'
import type { LiftPoint } from '@/lib/stats/liftOverTime'

type Props = {
  title: string
  points: LiftPoint[]
  variants: { id: string; name: string }[]
  height?: number
}

const pct = (v: number) => `${(v * 100).toFixed(0)}%`

/**
 * A goal's lift over the control per day (cumulative), each challenger a line inside its
 * interval band: how the estimate settled, and whether the band still straddles 0.
 */
export function LiftChart({ title, points, variants, height = 220 }: Props) {
  const challengers = variants.slice(1)
  if (challengers.length === 0 || !points.some((p) => challengers.some((v) => p[v.id] != null)))
    return null
  return (
    <figure className="sp-chart" aria-label={`Lift over time: ${title}`}>
      <ResponsiveContainer width="100%" height={height}>
        <ComposedChart data={points} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis tickFormatter={pct} width={56} />
          <Tooltip
            formatter={(value) =>
              Array.isArray(value)
                ? `${pct(Number(value[0]))} to ${pct(Number(value[1]))}`
                : typeof value === 'number'
                  ? pct(value)
                  : '—'
            }
          />
          <Legend />
          <ReferenceLine y={0} stroke="#666" />
          {challengers.map((variant, index) => (
            <Area
              key={`${variant.id}-band`}
              dataKey={`${variant.id}:band`}
              name={`${variant.name} interval`}
              stroke="none"
              fill={COLORS[(index + 1) % COLORS.length]}
              fillOpacity={0.18}
              connectNulls
              isAnimationActive={false}
              legendType="none"
            />
          ))}
          {challengers.map((variant, index) => (
            <Line
              key={variant.id}
              dataKey={variant.id}
              name={`${variant.name} vs control`}
              stroke={COLORS[(index + 1) % COLORS.length]}
              strokeWidth={2}
              dot={false}
              connectNulls
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
      <figcaption className="sp-muted">
        {title}: lift over the control so far, day by day, in its interval band (fixed-horizon at
        each day’s counts; decide on the table).
      </figcaption>
    </figure>
  )
}
