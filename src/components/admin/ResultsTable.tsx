import type { ExperimentResults } from '@/lib/experiments/getExperimentResults'
import { LiftWithInterval } from '@/components/admin/LiftWithInterval'
import { count, percent, pValue } from '@/components/admin/format'

export const VERDICT_LABEL = {
  control: 'Control',
  winner: 'Winning',
  loser: 'Losing',
  inconclusive: 'Not significant yet',
  'no-data': 'No data yet',
  'not-enough-data': 'Not enough data yet',
} as const

/** The per-variant results table shared by the dashboard and the Results tab. */
export function ResultsTable({ results }: { results: ExperimentResults }) {
  const { stats } = results
  const level = `${+(stats.intervalLevel * 100).toFixed(2)}%`
  const periods = results.allocation.periods
  const inPeriod = (period: number | undefined) =>
    periods.length > 1 && period !== undefined ? ` in allocation period ${period + 1}` : ''
  return (
    <div className="sp-results">
      {stats.srm.flagged && (
        <p className="sp-alert sp-alert--danger" role="alert">
          <strong>Sample ratio mismatch.</strong> Visitors are not split the way the experiment is
          configured (χ² p {pValue(stats.srm.pValue)}):{' '}
          {stats.srm.arms
            .map(
              (arm) =>
                `“${stats.arms[arm.index]?.name}” has ${percent(arm.observedShare)} of visitors where ${percent(arm.expectedShare)} were expected${inPeriod(arm.period)}`,
            )
            .join('; ')}
          . Something is dropping or misrouting visitors, so these numbers cannot be trusted until
          it is fixed.
        </p>
      )}
      {periods.length > 1 && (
        <p className="sp-alert" role="note" data-testid="allocation-periods">
          <strong>The split changed while running</strong> ({periods.length} allocation periods:{' '}
          {periods
            .map(
              (period) =>
                `${period.weights.join('/')} from ${period.startedAt.slice(0, 16).replace('T', ' ')} UTC`,
            )
            .join(', ')}
          ). Each visitor is compared with the split in force when first assigned.{' '}
          {results.allocation.weighted || results.primaryGoal.signature === null
            ? 'Conversion rates, lifts and tests weight the periods by their share of visitors, so a split change does not bias them; the visitor counts are plain totals.'
            : `The primary goal (${results.primaryGoal.label}) is counted per visitor but not per period: its rates pool the periods, which a split change can bias — read them with that in mind; the split check still tests each period.`}
          {results.allocation.weighted &&
            results.allocation.comparablePeriods.length < periods.length &&
            ' Periods in which a variant had no traffic are left out of the comparison.'}
        </p>
      )}
      <p className="sp-muted" data-testid="primary-goal">
        Primary goal: <strong>{results.primaryGoal.label}</strong> — “Converted” counts the visitors
        who reached it, once each.
      </p>
      <table className="sp-table">
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">Visitors</th>
            <th scope="col">Converted</th>
            <th scope="col">Conversion rate</th>
            <th scope="col">Lift vs control ({level} interval)</th>
            <th scope="col">Chance to beat control</th>
            <th scope="col">p-value</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {stats.arms.map((arm) => (
            <tr key={arm.id} data-variant-id={arm.id}>
              <th scope="row">
                {arm.name}
                <span className="sp-muted">
                  {count(arm.impressions)} views · {count(arm.conversionEvents)} conversions ·{' '}
                  {count(arm.clicks)} clicks
                </span>
              </th>
              <td>{count(arm.visitors)}</td>
              <td>{count(arm.conversions)}</td>
              <td>{percent(arm.conversionRate, 2)}</td>
              <td>
                {arm.verdict === 'control' ? (
                  '—'
                ) : (
                  <LiftWithInterval
                    lift={arm.relativeLift}
                    interval={arm.relativeLiftInterval}
                    note={arm.intervalNote}
                  />
                )}
              </td>
              <td>{arm.verdict === 'control' ? '—' : percent(arm.chanceToBeatControl)}</td>
              <td>{arm.verdict === 'control' ? '—' : pValue(arm.adjustedPValue)}</td>
              <td>
                <span className={`sp-badge sp-badge--${arm.verdict}`}>
                  {VERDICT_LABEL[arm.verdict]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="sp-muted">
        {stats.sequential
          ? 'Peeking-safe: the p-value and interval stay valid however often you check them (sequential testing). Chance to beat control is a fixed-sample Bayesian figure that ignores peeking: it can look strong long before the verdict does, so decide on the verdict.'
          : 'Fixed-horizon test: decide only once the planned number of visitors is reached.'}{' '}
        Conversion rate = converted visitors ÷ visitors who saw the variant (— when nobody has yet).
        No verdict until every arm has {count(stats.minimums.visitorsPerArm)} visitors and a variant
        and the control {count(stats.minimums.conversions)} conversions between them.
        {stats.arms.length > 2 &&
          ` p-values are Holm-adjusted for the ${stats.arms.length - 1} comparisons with the control, and intervals are at the Bonferroni level (${level}); chance to beat control is not adjusted.`}
      </p>
    </div>
  )
}

/** How far the experiment is towards the visitors it needs. */
export function SampleProgress({ results }: { results: ExperimentResults }) {
  const { sampleSize, totalVisitors, arms } = results.stats
  if (sampleSize.perArm === null) {
    return (
      <p className="sp-muted" data-testid="sample-size-reason">
        Sample size: {sampleSize.reason ?? 'not available yet'}.
      </p>
    )
  }
  const needed = sampleSize.total ?? sampleSize.perArm * arms.length
  const share = Math.min(1, totalVisitors / needed)
  const labelId = `sp-progress-${results.experiment.id}`
  return (
    <div className="sp-progress">
      <div className="sp-progress__label" id={labelId}>
        {count(totalVisitors)} of ~{count(needed)} visitors needed to detect a{' '}
        {percent(sampleSize.minimumDetectableEffect, 0)} lift (80% power
        {results.stats.sequential ? ', peeking-safe test' : ''})
      </div>
      <div
        className="sp-progress__bar"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuenow={Math.round(share * 100)}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  )
}
