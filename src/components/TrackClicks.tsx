'use client'

import { useEffect } from 'react'

import { sendTrackingBeacon } from '@/lib/tracking/trackEvent'

/**
 * One listener for the whole page: a click on a link or button carrying `data-block-id` (CTA
 * and hero buttons) is sent as a click event with that block id. Form submits are conversions,
 * recorded by the server action, so they are left out.
 */
export function TrackClicks() {
  useEffect(() => {
    const onClick = (event: MouseEvent) => {
      const target = (event.target as Element | null)?.closest?.('a[data-block-id]')
      const blockId = target?.getAttribute('data-block-id')
      if (blockId) sendTrackingBeacon({ type: 'click', blockId })
    }
    document.addEventListener('click', onClick, { capture: true })
    return () => document.removeEventListener('click', onClick, { capture: true })
  }, [])
  return null
}
