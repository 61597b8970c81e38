'use client'

import { RefreshRouteOnSave } from '@payloadcms/live-preview-react'
import { useRouter } from 'next/navigation'
import { useSyncExternalStore } from 'react'

const noSubscription = () => () => {}

/**
 * In the admin's live preview frame: re-renders the page on the server each time the document
 * is saved (every autosave while the marketer types), so the preview shows the latest draft.
 * The admin is this site's own origin (known in the browser only).
 */
export function LivePreviewRefresh() {
  const router = useRouter()
  const origin = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  )
  return origin ? <RefreshRouteOnSave refresh={router.refresh} serverURL={origin} /> : null
}
