'use client'

import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { postJson } from '@/components/admin/postJson'

type Props = {
  experimentId: string
  status: string
  variants: { id: string; name: string }[]
  winner: string | null
  /** The arm converting best so far: the winner picker's default. */
  leading?: string | null
  /** The change-log note of the last promotion, if the winner was promoted. */
  promoted?: string | null
  /** The public address of the experiment's page. */
  pagePath?: string | null
}

const post = postJson

/** Start / Pause / Complete (choosing the winner) and Promote, each after a confirmation. */
export function ExperimentActions({
  experimentId,
  status,
  variants,
  winner,
  leading,
  promoted,
  pagePath,
}: Props) {
  const router = useRouter()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [notice, setNotice] = useState<string | null>(null)
  const [keepAssignments, setKeepAssignments] = useState(false)
  const runAgain = async () => {
    const question = keepAssignments
      ? 'Start the next phase with fresh results? Visitors keep their variant (same seed). This phase is completed and its results kept.'
      : 'Start the next phase with fresh results? Visitors are assigned afresh (a new seed). This phase is completed and its results kept.'
    if (!window.confirm(question)) return
    setBusy(true)
    setError(null)
    try {
      const next = await post(`/api/experiments/${experimentId}/run-again`, { keepAssignments })
      router.push(`/admin/collections/experiments/${next.doc.id}/results`)
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  const [choice, setChoice] = useState(
    winner ?? leading ?? variants[1]?.id ?? variants[0]?.id ?? '',
  )

  const run = async (question: string, url: string, body?: object, done?: string) => {
    if (!window.confirm(question)) return
    setBusy(true)
    setError(null)
    setNotice(null)
    try {
      await post(url, body)
      if (done) setNotice(done)
      router.refresh()
    } catch (e) {
      setError((e as Error).message)
    } finally {
      setBusy(false)
    }
  }
  const lifecycle = `/api/experiments/${experimentId}/lifecycle`
  return (
    <div className="sp-actions">
      {status !== 'running' && status !== 'completed' && (
        <button
          type="button"
          className="btn btn--style-primary btn--size-small"
          disabled={busy}
          onClick={() =>
            run('Start this experiment? Visitors will be split between its variants.', lifecycle, {
              action: 'start',
            })
          }
        >
          Start
        </button>
      )}
      {status === 'running' && (
        <button
          type="button"
          className="btn btn--style-secondary btn--size-small"
          disabled={busy}
          onClick={() =>
            run('Pause this experiment? Everyone will see the page’s own layout.', lifecycle, {
              action: 'pause',
            })
          }
        >
          Pause
        </button>
      )}
      {status !== 'completed' && (
        <span className="sp-complete">
          <label>
            Winner{' '}
            <select
              value={choice}
              onChange={(event) => setChoice(event.target.value)}
              disabled={busy}
            >
              {variants.map((variant) => (
                <option key={variant.id} value={variant.id}>
                  {variant.name}
                </option>
              ))}
            </select>
          </label>
          <button
            type="button"
            className="btn btn--style-secondary btn--size-small"
            disabled={busy}
            onClick={() =>
              run(
                `Complete this experiment with "${variants.find((v) => v.id === choice)?.name}" as the winner?`,
                lifecycle,
                { action: 'complete', winner: choice },
              )
            }
          >
            Complete
          </button>
        </span>
      )}
      {status === 'completed' && winner && (
        <button
          type="button"
          className="btn btn--style-primary btn--size-small"
          disabled={busy}
          onClick={() =>
            run(
              'Copy the winning variant into the page? The current layout stays in the page’s versions.',
              `/api/experiments/${experimentId}/promote`,
              undefined,
              `“${variants.find((v) => v.id === winner)?.name}” is now the page’s layout.`,
            )
          }
        >
          {promoted ? 'Promote the winner again' : 'Promote the winner to the page'}
        </button>
      )}
      {status !== 'draft' && (
        <span className="sp-complete">
          <label>
            <input
              type="checkbox"
              checked={keepAssignments}
              onChange={(event) => setKeepAssignments(event.target.checked)}
              disabled={busy}
            />{' '}
            Keep each visitor’s variant
          </label>
          <button
            type="button"
            className="btn btn--style-secondary btn--size-small"
            disabled={busy}
            onClick={runAgain}
          >
            Run again (new phase)
          </button>
        </span>
      )}
      {(notice || promoted) && (
        <p className="sp-alert" role="status" data-testid="promoted">
          {notice ?? `${promoted}.`}{' '}
          {pagePath && (
            <a href={pagePath} target="_blank" rel="noreferrer">
              View the page
            </a>
          )}{' '}
          (the previous layout is in the page’s Versions tab).
        </p>
      )}
      {error && (
        <p className="sp-alert sp-alert--danger" role="alert">
          {error}
        </p>
      )}
    </div>
  )
}
