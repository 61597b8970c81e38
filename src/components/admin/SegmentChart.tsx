'use client'

import {
  Bar,
  BarChart,
  CartesianGrid,
  ErrorBar,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'

import { SERIES_COLORS } from '@/components/admin/seriesColors'

type Row = { label: string; lift: number | null; interval: [number, number] | null }

/** The first challenger's lift per segment, with its (adjusted) interval as error bars. */
export function SegmentChart({
  label,
  rows,
  challenger,
}: {
  label: string
  rows: Row[]
  challenger: string
}) {
  const data = rows
    .filter((row) => row.lift !== null)
    .map((row) => ({
      segment: row.label,
      lift: +(row.lift! * 100).toFixed(2),
      error: row.interval
        ? [
            +((row.lift! - row.interval[0]) * 100).toFixed(2),
            +((row.interval[1] - row.lift!) * 100).toFixed(2),
          ]
        : [0, 0],
    }))
  if (data.length === 0) return null
  return (
    <figure className="sp-chart" aria-label={`Lift of ${challenger} by ${label.toLowerCase()}`}>
      <ResponsiveContainer width="100%" height={180}>
        <BarChart data={data} margin={{ top: 8, right: 24, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="segment" />
          <YAxis tickFormatter={(v: number) => `${v}%`} width={56} />
          <Tooltip formatter={(v) => `${v}%`} />
          <ReferenceLine y={0} stroke="#666" />
          <Bar
            dataKey="lift"
            name={`${challenger} vs control`}
            fill={SERIES_COLORS[1]}
            isAnimationActive={false}
          >
            <ErrorBar dataKey="error" width={6} stroke="#333" />
          </Bar>
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sp-muted">
        Lift of “{challenger}” over the control by {label.toLowerCase()}, with its interval.
      </figcaption>
    </figure>
  )
}
