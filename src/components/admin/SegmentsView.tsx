import type { SegmentResults } from '@/lib/experiments/getSegmentResults'
import { count, percent, signedPercent } from '@/components/admin/format'
import { SegmentChart } from '@/components/admin/SegmentChart'

/**
 * The primary goal by segment (device, traffic source, new or returning, landing date), with a
 * plain warning that these are exploratory: adjusted for the number of rows looked at.
 */
export function SegmentsView({ segments }: { segments: SegmentResults }) {
  const filled = segments.dimensions.filter((d) => d.rows.length > 0)
  if (filled.length === 0) return null
  const level = `${+(segments.intervalLevel * 100).toFixed(2)}%`
  const first = filled[0].rows[0]
  const challengers = first.arms.slice(1)
  return (
    <section aria-labelledby="sp-segments-heading" data-testid="segments">
      <h3 id="sp-segments-heading">Segments</h3>
      <p className="sp-alert sp-alert--warning" role="note">
        <strong>Exploratory.</strong> Segment results are for finding questions, not answers: with{' '}
        {segments.comparisons} segment rows, each is tested at 5% ÷ {segments.comparisons}{' '}
        (intervals at {level}), and a difference in one segment is a reason for a new test, not a
        verdict. Each visitor counts once, in the segment recorded at their first exposure
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
                      {signedPercent(arm.relativeLift)}
                      <span className="sp-muted">
                        {arm.relativeLiftInterval
                          ? `${signedPercent(arm.relativeLiftInterval[0])} to ${signedPercent(arm.relativeLiftInterval[1])}`
                          : '—'}
                      </span>
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
    </section>
  )
}
