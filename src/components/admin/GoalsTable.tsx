import type { ExperimentResults } from '@/lib/experiments/getExperimentResults'
import { LiftWithInterval } from '@/components/admin/LiftWithInterval'
import { count, moment, percent, pValue } from '@/components/admin/format'
import { VERDICT_LABEL } from '@/components/admin/ResultsTable'
import { LiftChart } from '@/components/admin/LiftChart'

/**
 * Secondary goals and guardrails under the primary result: each goal's converting visitors,
 * rate and lift per variant, and a red alert for a guardrail that got significantly worse.
 */
export function GoalsTable({ results }: { results: ExperimentResults }) {
  const { goals } = results
  if (goals.length === 0) return null
  const level = `${+(goals[0].intervalLevel * 100).toFixed(2)}%`
  return (
    <section aria-labelledby="sp-goals-heading" data-testid="goals">
      <h3 id="sp-goals-heading">More goals</h3>
      {goals
        .filter((goal) => goal.worseIn.length > 0)
        .map((goal) => (
          <p key={goal.id} className="sp-alert sp-alert--danger" role="alert">
            <strong>Guardrail “{goal.label}” is significantly worse</strong> for{' '}
            {goal.worseIn.map((name) => `“${name}”`).join(', ')}: weigh it before promoting a
            winner.
          </p>
        ))}
      <table className="sp-table">
        <thead>
          <tr>
            <th scope="col">Goal</th>
            <th scope="col">Variant</th>
            <th scope="col">Reached</th>
            <th scope="col">Rate</th>
            <th scope="col">Lift vs control ({level} interval)</th>
            <th scope="col">p-value</th>
            <th scope="col">Verdict</th>
          </tr>
        </thead>
        <tbody>
          {goals.flatMap((goal) =>
            goal.arms.map((arm, index) => (
              <tr key={`${goal.id}-${arm.id}`} data-goal={goal.signature}>
                {index === 0 && (
                  <th scope="rowgroup" rowSpan={goal.arms.length}>
                    {goal.label}
                    <span className="sp-muted">
                      {goal.role === 'guardrail' ? 'Guardrail' : 'Secondary'}
                    </span>
                    {goal.countedFrom && (
                      <span className="sp-muted" data-testid="goal-counted-from">
                        Counted from {moment(goal.countedFrom)}, when it was added: visits to a page
                        are recorded only while a goal names it.
                      </span>
                    )}
                  </th>
                )}
                <th scope="row">{arm.name}</th>
                <td>
                  {goal.metric === 'mean'
                    ? `${count(arm.conversions)} in value over ${count(arm.visitors)}`
                    : `${count(arm.conversions)} of ${count(arm.visitors)}`}
                </td>
                <td>
                  {goal.metric === 'mean'
                    ? arm.conversionRate === null
                      ? '—'
                      : `${arm.conversionRate.toFixed(2)} per visitor`
                    : percent(arm.conversionRate, 2)}
                </td>
                <td>
                  {arm.verdict === 'control' ? (
                    '—'
                  ) : (
                    <LiftWithInterval lift={arm.relativeLift} interval={arm.relativeLiftInterval} />
                  )}
                </td>
                <td>{arm.verdict === 'control' ? '—' : pValue(arm.adjustedPValue)}</td>
                <td>
                  <span
                    className={`sp-badge sp-badge--${goal.role === 'guardrail' && arm.verdict === 'loser' ? 'loser' : arm.verdict}`}
                  >
                    {VERDICT_LABEL[arm.verdict]}
                  </span>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
      {goals.map((goal) => (
        <LiftChart
          key={`chart-${goal.id}`}
          title={goal.label}
          points={goal.liftOverTime}
          variants={results.variants}
          height={160}
        />
      ))}
      <p className="sp-muted">
        The verdict and the sample size come from the primary goal ({results.primaryGoal.label}),
        tested at the usual 5%.{' '}
        {goals.length === 1
          ? 'This goal is tested at 5% ÷ 1'
          : `These ${goals.length} goals are each tested at 5% ÷ ${goals.length}`}{' '}
        (Bonferroni across goals{results.variants.length > 2 ? ' and variants' : ''}), so looking at
        several does not make a chance difference look real. Each visitor counts once per goal,
        after their first exposure; clicks, custom events and leads are recorded whatever the goals,
        so a goal added later counts them from the start
        {goals.some((goal) => goal.signature.startsWith('lead:'))
          ? ' (a lead on one form, from when the form was given its name)'
          : ''}
        .
        {results.allocation.weighted
          ? ' The split changed while it ran: these rows pool the periods (not weighted by period like the primary goal); read them with that in mind.'
          : ''}
      </p>
    </section>
  )
}
