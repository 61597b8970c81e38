import Link from 'next/link'
import type { Payload } from 'payload'

import {
  getExperimentResults,
  type ExperimentResults,
} from '@/lib/experiments/getExperimentResults'
import { getPayloadClient } from '@/lib/payload'
import { ExperimentActions } from '@/components/admin/ExperimentActions'
import { ResultsTable, SampleProgress } from '@/components/admin/ResultsTable'

const ORDER = { running: 0, paused: 1, draft: 2, completed: 3 } as Record<string, number>

function ExperimentCard({ results }: { results: ExperimentResults }) {
  const { experiment } = results
  return (
    <article
      className="sp-card"
      data-experiment-id={experiment.id}
      aria-labelledby={`exp-${experiment.id}`}
    >
      <header className="sp-card__header">
        <div>
          <h3 id={`exp-${experiment.id}`}>
            <Link href={`/admin/collections/experiments/${experiment.id}/results`}>
              {experiment.name}
            </Link>
          </h3>
          <p className="sp-muted">
            <span className={`sp-status sp-status--${experiment.status}`}>{experiment.status}</span>
            {experiment.pageTitle && <> · page “{experiment.pageTitle}”</>}
            {experiment.daysRunning !== null && <> · {experiment.daysRunning} days running</>}
            {experiment.status === 'running' && experiment.endDate && (
              <> · {endsIn(experiment.endDate)}</>
            )}
          </p>
        </div>
        <ExperimentActions
          experimentId={experiment.id}
          status={experiment.status}
          variants={results.variants.map((v) => ({ id: v.id, name: v.name }))}
          winner={experiment.winner}
          leading={results.stats.leadingArmId}
        />
      </header>
      <ResultsTable results={results} />
      <SampleProgress results={results} />
    </article>
  )
}

/** "ends in 3 days" / "ends in 5 hours" / "ending now" for a scheduled end. */
function endsIn(endDate: string) {
  const ms = Date.parse(endDate) - Date.now()
  if (!(ms > 0)) return 'ending now (completed by its schedule within a minute)'
  const hours = Math.round(ms / 3_600_000)
  return hours >= 48
    ? `ends in ${Math.round(hours / 24)} days`
    : `ends in ${Math.max(1, hours)} hours`
}

/** The dashboard's experiment overview (registered as beforeDashboard): running ones first. */
export async function ExperimentStats({ payload: given }: { payload?: Payload }) {
  const payload = given ?? (await getPayloadClient())
  const { docs } = await payload.find({
    collection: 'experiments',
    depth: 1,
    limit: 50,
    pagination: false,
  })
  const sorted = [...docs].sort(
    (a, b) => (ORDER[a.status] ?? 9) - (ORDER[b.status] ?? 9) || a.name.localeCompare(b.name),
  )
  const results = await Promise.all(sorted.map((doc) => getExperimentResults(payload, doc)))
  return (
    <section className="sp-dashboard" aria-labelledby="sp-dashboard-title">
      <h2 id="sp-dashboard-title">Experiments</h2>
      {results.length === 0 ? (
        <p>
          No experiments yet. <Link href="/admin/collections/experiments/create">Create one</Link>{' '}
          to split a page’s traffic between variants.
        </p>
      ) : (
        results.map((result) => <ExperimentCard key={result.experiment.id} results={result} />)
      )}
    </section>
  )
}
