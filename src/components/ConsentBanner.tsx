'use client'

import { useState, useSyncExternalStore } from 'react'

import { CONSENT_COOKIE } from '@/lib/visitor/consent'

const readConsent = () =>
  document.cookie.split('; ').find((c) => c.startsWith(`${CONSENT_COOKIE}=`))

/** Consent mode's banner: nothing is recorded until the visitor accepts. */
const noSubscription = () => () => undefined

export function ConsentBanner() {
  // On the server (and while hydrating) the answer is unknown, so the banner waits for the client.
  const answered = useSyncExternalStore(
    noSubscription,
    () => Boolean(readConsent()),
    () => true,
  )
  const [dismissed, setDismissed] = useState(false)
  if (answered || dismissed) return null
  const answer = (value: 'yes' | 'no') => {
    document.cookie = `${CONSENT_COOKIE}=${value}; Path=/; Max-Age=${400 * 24 * 3600}; SameSite=Lax`
    setDismissed(true)
    // Reload so the server can assign a variant (and start recording) from now on.
    if (value === 'yes') window.location.reload()
  }
  return (
    <div className="consent" role="dialog" aria-live="polite" aria-label="Cookie consent">
      <p>
        We use one first-party cookie to remember which version of this page you saw and to count
        visits. Nothing is shared with third parties.
      </p>
      <div className="consent__actions">
        <button type="button" className="button button--primary" onClick={() => answer('yes')}>
          Accept
        </button>
        <button type="button" className="button button--light" onClick={() => answer('no')}>
          Decline
        </button>
      </div>
    </div>
  )
}
