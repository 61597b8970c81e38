import type { Audience, AudienceRule } from '@/lib/experiments/audience'
import type { Experiment } from '@/payload-types'

/** An experiment document's audience as the proxy evaluates it (null: everyone). */
export function audienceOf(doc: Pick<Experiment, 'audience'>): Audience | null {
  const rules = (doc.audience?.rules ?? [])
    .filter((rule) => rule.attribute && rule.operator && rule.value)
    .map((rule): AudienceRule => ({
      attribute: rule.attribute as AudienceRule['attribute'],
      operator: rule.operator as AudienceRule['operator'],
      value: rule.value,
      parameter: rule.parameter ?? null,
    }))
  return rules.length ? { match: doc.audience?.match === 'any' ? 'any' : 'all', rules } : null
}
