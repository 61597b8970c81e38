import type { Payload } from 'payload'

import { customEventCounts } from '@/lib/db/customEvents'
import { getExperimentResults } from '@/lib/experiments/getExperimentResults'
import { PROMOTED_NOTE } from '@/lib/experiments/lifecycle'
import { idOf } from '@/lib/ids'
import type { Experiment } from '@/payload-types'
import { ExperimentActions } from '@/components/admin/ExperimentActions'
import { AllocationChart } from '@/components/admin/AllocationChart'
import { ResultsChart } from '@/components/admin/ResultsChart'
import { ResultsTable, SampleProgress } from '@/components/admin/ResultsTable'
import { GoalsTable } from '@/components/admin/GoalsTable'
import { LiftChart } from '@/components/admin/LiftChart'
import { SegmentsView } from '@/components/admin/SegmentsView'
import { getSegmentResults } from '@/lib/experiments/getSegmentResults'

/** The Results tab of an experiment: the results table, the chart and the lifecycle actions. */
export async function ResultsView({
  doc,
  payload,
}: {
  doc?: { id?: number | string }
  payload: Payload
}) {
  if (!doc?.id) return <p className="sp-results-view">Save the experiment to see its results.</p>
  const experiment = (await payload.findByID({
    collection: 'experiments',
    id: doc.id,
    depth: 1,
  })) as Experiment
  const results = await getExperimentResults(payload, experiment)
  // Segments of every goal: the primary at α, each other goal at α ÷ goals (like its table).
  const otherGoals = results.goals.filter((goal) => goal.metric === 'rate')
  const segmentViews = await Promise.all(
    [
      {
        label: `Primary goal: ${results.primaryGoal.label}`,
        signature: results.primaryGoal.signature,
        goals: 1,
      },
      ...otherGoals.map((goal) => ({
        label: goal.label,
        signature: goal.signature,
        goals: Math.max(1, results.goals.length),
      })),
    ].map(async (view) => ({
      label: view.label,
      goals: view.goals,
      segments: await getSegmentResults(payload, results.experiment.id, results.variants, {
        periodsChanged: results.allocation.periods.length > 1,
        goal: view.signature,
        alpha: 0.05 / view.goals,
      }),
    })),
  )
  const customEvents = await customEventCounts(payload, String(experiment.id))
  const eventNames = [...new Set(customEvents.map((row) => row.name))]
  const { docs: notifications } = await payload.find({
    collection: 'notifications',
    where: { experiment: { equals: experiment.id } },
    sort: '-createdAt',
    depth: 0,
    limit: 20,
  })
  return (
    <div className="sp-results-view">
      <header className="sp-card__header">
        <div>
          <h2>Results: {experiment.name}</h2>
          {experiment.hypothesis && <p className="sp-muted">Hypothesis: {experiment.hypothesis}</p>}
          {(experiment.phase ?? 1) > 1 && (
            <p className="sp-muted" data-testid="phase">
              Phase {experiment.phase}: fresh results since {experiment.startDate?.slice(0, 10)}.{' '}
              {experiment.previousPhase && (
                <a
                  href={`/admin/collections/experiments/${idOf(experiment.previousPhase)}/results`}
                >
                  Results of phase {(experiment.phase ?? 2) - 1}
                </a>
              )}
            </p>
          )}
        </div>
        <ExperimentActions
          experimentId={results.experiment.id}
          status={results.experiment.status}
          variants={results.variants.map((v) => ({ id: v.id, name: v.name }))}
          winner={results.experiment.winner}
          leading={results.stats.leadingArmId}
          promoted={
            [...(experiment.changeLog ?? [])]
              .reverse()
              .find((change) => change.note.startsWith(PROMOTED_NOTE))?.note ?? null
          }
          pagePath={
            typeof experiment.page === 'object' && experiment.page
              ? experiment.page.slug === 'home'
                ? '/'
                : `/${experiment.page.slug}`
              : null
          }
        />
      </header>
      <ResultsTable results={results} />
      <SampleProgress results={results} />
      <LiftChart
        title={`Primary goal (${results.primaryGoal.label})`}
        points={results.liftOverTime}
        variants={results.variants}
      />
      <GoalsTable results={results} />
      <ResultsChart
        series={results.series}
        variants={results.variants}
        changes={results.experiment.changes}
      />
      {experiment.optimise && (
        <p className="sp-alert" role="note" data-testid="optimise-mode">
          <strong>Optimise mode.</strong> Every hour, once each variant has{' '}
          {experiment.banditBurnInVisitors ?? 200} visitors, traffic moves toward the variant most
          likely to be best (Thompson sampling on conversions), keeping at least{' '}
          {experiment.banditFloorPercent ?? 5}% for each. Visitors keep their variant. Each move
          starts a new allocation period, and the results above weight the periods by their share of
          visitors, so the moving split does not bias them.
        </p>
      )}
      {(results.allocation.periods.length > 1 || experiment.optimise) && (
        <AllocationChart periods={results.allocation.periods} variants={results.variants} />
      )}
      <SegmentsView views={segmentViews} />
      {eventNames.length > 0 && (
        <section aria-labelledby="sp-custom-events-heading">
          <h3 id="sp-custom-events-heading">Custom events</h3>
          <table className="sp-table" data-testid="custom-events">
            <thead>
              <tr>
                <th scope="col">Event</th>
                {results.variants.map((variant) => (
                  <th scope="col" key={variant.id}>
                    {variant.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {eventNames.map((name) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  {results.variants.map((variant) => (
                    <td key={variant.id}>
                      {customEvents.find((row) => row.name === name && row.variant === variant.id)
                        ?.events ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <p className="sp-muted">
            Events sent with <code>trackEvent(name)</code>, counted from the raw events (within
            their retention); not part of the statistics.
          </p>
        </section>
      )}
      {notifications.length > 0 && (
        <section aria-labelledby="sp-notifications-heading">
          <h3 id="sp-notifications-heading">Notifications</h3>
          <ul className="sp-changes" data-testid="notifications">
            {notifications.map((notification) => (
              <li key={notification.id}>
                {notification.createdAt.slice(0, 16).replace('T', ' ')}: {notification.subject}{' '}
                <span className="sp-muted">
                  (email {notification.email?.status ?? 'pending'}, webhook{' '}
                  {notification.webhook?.status ?? 'pending'}; id {notification.notificationId})
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {results.experiment.changes.length > 0 && (
        <ul className="sp-changes">
          {results.experiment.changes.map((change, index) => (
            <li key={index}>
              {change.day}: {change.note}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
