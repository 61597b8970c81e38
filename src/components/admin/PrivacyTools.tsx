'use client'

import { Button, useAuth } from '@payloadcms/ui'
import { useState } from 'react'

/** Above the Leads list, for admins: export or erase everything held about one person. */
export function PrivacyTools() {
  const { user } = useAuth<{ role?: string }>()
  const [subject, setSubject] = useState('')
  const [message, setMessage] = useState<string | null>(null)
  if (user?.role !== 'admin') return null
  const param = (): Record<string, string> => {
    const value = subject.trim()
    return value.includes('@') ? { email: value } : { visitorId: value }
  }
  const exportData = async () => {
    const response = await fetch(
      `/api/leads/privacy/export?${new URLSearchParams(param()).toString()}`,
      { credentials: 'include' },
    )
    if (!response.ok) return setMessage((await response.json()).error)
    const url = URL.createObjectURL(await response.blob())
    const link = Object.assign(document.createElement('a'), {
      href: url,
      download: 'splitpage-personal-data.json',
    })
    link.click()
    URL.revokeObjectURL(url)
    setMessage('Exported.')
  }
  const erase = async () => {
    if (
      !window.confirm(
        `Erase every lead, event and exposure of ${subject.trim()}? This cannot be undone.`,
      )
    )
      return
    const response = await fetch('/api/leads/privacy/erase', {
      method: 'POST',
      credentials: 'include',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(param()),
    })
    const body = await response.json()
    setMessage(
      response.ok
        ? `Erased ${body.erased.leads} lead(s), ${body.erased.events} event(s), ${body.erased.exposures} exposure(s).`
        : body.error,
    )
  }
  return (
    <details style={{ marginBottom: '1rem' }}>
      <summary>Personal data: export or erase one person</summary>
      <div style={{ display: 'flex', gap: '0.5rem', alignItems: 'center', marginTop: '0.5rem' }}>
        <label htmlFor="privacy-subject">Email or visitor id</label>
        <input
          id="privacy-subject"
          value={subject}
          onChange={(event) => setSubject(event.target.value)}
          style={{ minWidth: '18rem' }}
        />
        <Button
          buttonStyle="secondary"
          size="small"
          onClick={exportData}
          disabled={!subject.trim()}
        >
          Export
        </Button>
        <Button buttonStyle="error" size="small" onClick={erase} disabled={!subject.trim()}>
          Erase
        </Button>
      </div>
      {message && <p role="status">{message}</p>}
    </details>
  )
}
