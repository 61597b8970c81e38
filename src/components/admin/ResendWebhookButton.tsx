'use client'

import { Button, useDocumentInfo } from '@payloadcms/ui'
import { useState } from 'react'

/** On a lead: queue a new delivery of it to the webhook (after fixing the receiver, say). */
export function ResendWebhookButton() {
  const { id } = useDocumentInfo()
  const [message, setMessage] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  if (!id) return null
  const resend = async () => {
    setBusy(true)
    try {
      const response = await fetch(`/api/leads/${id}/resend-webhook`, {
        method: 'POST',
        credentials: 'include',
      })
      const body = await response.json()
      setMessage(
        response.ok
          ? `Queued as delivery ${body.deliveryId}. Reload to follow its status.`
          : body.error,
      )
    } catch {
      setMessage('Could not reach the server.')
    } finally {
      setBusy(false)
    }
  }
  return (
    <div style={{ marginBottom: '1.5rem' }}>
      <Button buttonStyle="secondary" size="small" onClick={resend} disabled={busy}>
        Resend to webhook
      </Button>
      {message && <p role="status">{message}</p>}
    </div>
  )
}
