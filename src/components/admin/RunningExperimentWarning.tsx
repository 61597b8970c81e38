'use client'

import { useDocumentInfo, useFormFields } from '@payloadcms/ui'

/**
 * Shown on a saved, running experiment: edits to its split are recorded and marked on the chart.
 * (Not on a new one, which runs only once saved.)
 */
export function RunningExperimentWarning() {
  const { id, initialData } = useDocumentInfo()
  const status = useFormFields(([fields]) => fields.status?.value)
  if (!id || initialData?.status !== 'running' || status !== 'running') return null
  return (
    <p className="sp-alert sp-alert--warning" role="status">
      This experiment is running. Changing the split only affects new visitors (assigned visitors
      keep their variant), and every change is recorded on the experiment and marked on the results
      chart.
    </p>
  )
}
