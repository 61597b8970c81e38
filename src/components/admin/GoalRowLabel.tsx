'use client'

import { useRowLabel } from '@payloadcms/ui'

import { goalLabel, type GoalDefinition } from '@/lib/experiments/goals'

/** A goal row's title in the admin: "Guardrail · Clicks on a call to action". */
export function GoalRowLabel() {
  const { data } = useRowLabel<GoalDefinition>()
  const role =
    data?.role === 'guardrail' ? 'Guardrail' : data?.role === 'primary' ? 'Primary' : 'Secondary'
  return (
    <span>
      {role} · {goalLabel(data ?? {})}
    </span>
  )
}
