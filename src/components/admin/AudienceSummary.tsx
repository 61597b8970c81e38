'use client'

import { useFormFields } from '@payloadcms/ui'

import { describeAudience, type Audience, type AudienceRule } from '@/lib/experiments/audience'

/** The audience rules as one readable sentence, updated as they are edited. */
export function AudienceSummary() {
  const audience = useFormFields(([fields]): Audience => {
    const count = Number(fields['audience.rules']?.value ?? 0)
    const rules: AudienceRule[] = []
    for (let i = 0; i < count; i++) {
      const at = (name: string) =>
        fields[`audience.rules.${i}.${name}`]?.value as string | undefined
      if (!at('attribute')) continue
      rules.push({
        attribute: at('attribute') as AudienceRule['attribute'],
        operator: (at('operator') ?? 'is') as AudienceRule['operator'],
        value: at('value') ?? '',
        parameter: at('parameter') ?? null,
      })
    }
    return { match: fields['audience.match']?.value === 'any' ? 'any' : 'all', rules }
  })
  return (
    <p className="sp-alert" role="note" data-testid="audience-summary">
      {describeAudience(audience)}
    </p>
  )
}
