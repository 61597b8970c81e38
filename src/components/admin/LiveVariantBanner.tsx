'use client'

import { useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { postJson } from '@/components/admin/postJson'

type Live = { experiment: { id: string | number; name: string }; visitors: number } | null

/**
 * On a variant that a running experiment serves: a visible warning that edits go live for its
 * visitors at once, with a button that starts a new results phase instead of mixing data.
 */
export function LiveVariantBanner() {
  const { id } = useDocumentInfo()
  const router = useRouter()
  const [live, setLive] = useState<Live>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (!id) return
    let cancelled = false
    fetch(`/api/variants/${id}/live`, { credentials: 'include' })
      .then((response) => (response.ok ? response.json() : { live: null }))
      .then((body) => !cancelled && setLive(body.live ?? null))
      .catch(() => undefined)
    return () => {
      cancelled = true
    }
  }, [id])
  if (!live) return null
  const newPhase = async () => {
    if (
      !window.confirm(
        `Complete this phase of “${live.experiment.name}” and start a new one with fresh results? Visitors are assigned afresh.`,
      )
    )
      return
    setBusy(true)
    try {
      const body = await postJson(`/api/experiments/${live.experiment.id}/run-again`)
      router.push(`/admin/collections/experiments/${body.doc.id}/results`)
    } catch (e) {
      setError((e as Error).message)
      setBusy(false)
    }
  }
  return (
    <div className="sp-alert sp-alert--warning" role="alert" data-testid="live-variant">
      <strong>This variant is live</strong> in the running experiment “{live.experiment.name}” for{' '}
      {live.visitors} visitor{live.visitors === 1 ? '' : 's'} so far. Changes apply at once to new
      and returning visitors, and mix with the results collected so far; for a real change, consider
      a new phase.{' '}
      <button
        type="button"
        className="btn btn--style-secondary btn--size-small"
        onClick={newPhase}
        disabled={busy}
      >
        Start a new phase
      </button>
      {error && <span role="status"> {error}</span>}
    </div>
  )
}
