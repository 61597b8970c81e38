'use client'

import { useFormFields } from '@payloadcms/ui'

/** Shown on a running experiment: edits to its split are recorded and marked on the chart. */
export function RunningExperimentWarning() {
  const status = useFormFields(([fields]) => fields.status?.value)
  if (status !== 'running') return null
  return (
    <p className="sp-alert sp-alert--warning" role="status">
      This experiment is running. Changing the split only affects new visitors (assigned visitors
      keep their variant), and every change is recorded on the experiment and marked on the results
      chart.
    </p>
  )
}
