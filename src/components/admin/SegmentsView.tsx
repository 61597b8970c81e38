import type { SegmentResults } from '@/lib/experiments/getSegmentResults'
import { LiftWithInterval } from '@/components/admin/LiftWithInterval'
import { count, percent } from '@/components/admin/format'
import { SegmentChart } from '@/components/admin/SegmentChart'

type View = {
  /** The goal these segments are about. */
  label: string
  segments: SegmentResults
  /** How many goals share α before the segments split it (1 for the primary goal). */
  goals: number
}

/**
 * Every goal by segment (device, traffic source, new or returning, landing date): the primary
 * goal open, each other goal folded below it, each with a plain warning that these are
 * exploratory: adjusted for the number of rows (and goals) looked at.
 */
export function SegmentsView({ views }: { views: View[] }) {
  const shown = views.filter((view) => view.segments.dimensions.some((d) => d.rows.length > 0))
  if (shown.length === 0) return null
  return (
    <section aria-labelledby="sp-segments-heading" data-testid="segments">
      <h3 id="sp-segments-heading">Segments</h3>
      {shown.map((view, index) => (
        <details key={`${index}-${view.label}`} open={index === 0} data-goal-segments={view.label}>
          <summary>{view.label}</summary>
          <GoalSegments segments={view.segments} goals={view.goals} />
        </details>
      ))}
    </section>
  )
}

function GoalSegments({ segments, goals }: { segments: SegmentResults; goals: number }) {
  const filled = segments.dimensions.filter((d) => d.rows.length > 0)
  const level = `${+(segments.intervalLevel * 100).toFixed(2)}%`
  const challengers = filled[0].rows[0].arms.slice(1)
  const share =
    goals > 1 ? `5% ÷ ${goals} goals ÷ ${segments.comparisons}` : `5% ÷ ${segments.comparisons}`
  return (
    <>
      <p className="sp-alert sp-alert--warning" role="note">
        <strong>Exploratory.</strong> Segment results are for finding questions, not answers: with{' '}
        {segments.comparisons} segment rows, each is tested at {share} (intervals at {level}), and a
        difference in one segment is a reason for a new test, not a verdict. Each visitor counts
        once, in the segment recorded at their first exposure
        {segments.unrecorded > 0
          ? ` (${count(segments.unrecorded)} visitors exposed before segments were recorded are in none)`
          : ''}
        .{segments.srmNote ? ` ${segments.srmNote}` : ''}
      </p>
      {filled.map(({ dimension, label, rows }) => (
        <div key={dimension} data-dimension={dimension}>
          <h4>{label}</h4>
          <table className="sp-table">
            <thead>
              <tr>
                <th scope="col">{label}</th>
                {rows[0].arms.map((arm) => (
                  <th scope="col" key={arm.id}>
                    {arm.name}: rate (visitors)
                  </th>
                ))}
                {challengers.map((arm) => (
                  <th scope="col" key={arm.id}>
                    {arm.name} vs control ({level})
                  </th>
                ))}
                <th scope="col">Split</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.value}>
                  <th scope="row">{row.label}</th>
                  {row.arms.map((arm) => (
                    <td key={arm.id}>
                      {percent(arm.conversionRate, 1)}{' '}
                      <span className="sp-muted">({count(arm.visitors)})</span>
                    </td>
                  ))}
                  {row.arms.slice(1).map((arm) => (
                    <td key={arm.id}>
                      <LiftWithInterval
                        lift={arm.relativeLift}
                        interval={arm.relativeLiftInterval}
                      />
                    </td>
                  ))}
                  <td>
                    {row.srmFlagged === null ? (
                      '—'
                    ) : row.srmFlagged ? (
                      <span className="sp-badge sp-badge--loser">Mismatch</span>
                    ) : (
                      'As configured'
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {challengers.length > 0 && (
            <SegmentChart
              label={label}
              rows={rows.map((row) => ({
                label: row.label,
                lift: row.arms[1]?.relativeLift ?? null,
                interval: row.arms[1]?.relativeLiftInterval ?? null,
              }))}
              challenger={challengers[0].name}
            />
          )}
        </div>
      ))}
    </>
  )
}
