/**
 * Audiences: who may enter an experiment, decided in the proxy from the request alone (no
 * database call). A visitor already assigned keeps their variant whatever the rules say later
 * (a UTM parameter is usually on the first visit only); the rules pick who enters.
 */
export const AUDIENCE_ATTRIBUTES = [
  'device',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'query',
  'referrer',
  'visitor',
  'language',
  'country',
] as const
export type AudienceAttribute = (typeof AUDIENCE_ATTRIBUTES)[number]
export const AUDIENCE_OPERATORS = ['is', 'is-not', 'contains'] as const
export type AudienceOperator = (typeof AUDIENCE_OPERATORS)[number]

export type AudienceRule = {
  attribute: AudienceAttribute
  operator: AudienceOperator
  /** One value, or several separated by commas ("is": any of them; "is not": none of them). */
  value: string
  /** For `query`: the query parameter's name. */
  parameter?: string | null
}
export type Audience = { match: 'all' | 'any'; rules: AudienceRule[] }

/** What the rules look at, read from the request (see requestTraits). */
export type Traits = {
  device: 'mobile' | 'tablet' | 'desktop'
  query: URLSearchParams
  /** The referring site's host name without "www.", or null. */
  referrer: string | null
  returning: boolean
  /** Accept-Language tags, lower case ("de-ch", "de", "en"). */
  languages: string[]
  /** ISO country code from the trusted header named by COUNTRY_HEADER, or null. */
  country: string | null
}

export const DEVICE_VALUES = ['mobile', 'tablet', 'desktop'] as const
export const VISITOR_VALUES = ['new', 'returning'] as const

const values = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)

/** The request's values for a rule's attribute (lower case; empty when absent). */
function actual(rule: AudienceRule, traits: Traits): string[] {
  switch (rule.attribute) {
    case 'device':
      return [traits.device]
    case 'visitor':
      return [traits.returning ? 'returning' : 'new']
    case 'utm_source':
    case 'utm_medium':
    case 'utm_campaign':
      return traits.query.getAll(rule.attribute).map((v) => v.toLowerCase())
    case 'query':
      return rule.parameter ? traits.query.getAll(rule.parameter).map((v) => v.toLowerCase()) : []
    case 'referrer':
      return traits.referrer ? [traits.referrer] : []
    case 'language':
      return traits.languages
    case 'country':
      return traits.country ? [traits.country.toLowerCase()] : []
  }
}

function matchesRule(rule: AudienceRule, traits: Traits): boolean {
  const wanted = values(rule.value)
  const found = actual(rule, traits)
  const equal = (have: string, want: string) =>
    rule.attribute === 'language'
      ? have === want || have.startsWith(`${want}-`)
      : rule.attribute === 'referrer'
        ? have === want || have.endsWith(`.${want}`)
        : have === want
  switch (rule.operator) {
    case 'is':
      return found.some((have) => wanted.some((want) => equal(have, want)))
    case 'is-not':
      return !found.some((have) => wanted.some((want) => equal(have, want)))
    case 'contains':
      return found.some((have) => wanted.some((want) => have.includes(want)))
  }
}

/** Whether a request's visitor may enter: every rule (all) or at least one (any); no rules: yes. */
export function matchesAudience(audience: Audience | null | undefined, traits: () => Traits) {
  if (!audience || audience.rules.length === 0) return true
  const seen = traits()
  return audience.match === 'any'
    ? audience.rules.some((rule) => matchesRule(rule, seen))
    : audience.rules.every((rule) => matchesRule(rule, seen))
}

const SUBJECT: Record<AudienceAttribute, string> = {
  device: 'their device',
  utm_source: 'utm_source',
  utm_medium: 'utm_medium',
  utm_campaign: 'utm_campaign',
  query: 'the query parameter',
  referrer: 'the referring site',
  visitor: 'they',
  language: 'their language',
  country: 'their country',
}

/** The rules as a sentence for the admin: "Visitors whose device is mobile and …". */
export function describeAudience(audience: Audience | null | undefined): string {
  if (!audience || audience.rules.length === 0) return 'Every visitor of the page can enter.'
  const parts = audience.rules.map((rule) => {
    const listed = values(rule.value)
    const list =
      listed.length > 1
        ? `${listed.slice(0, -1).join(', ')} or ${listed.at(-1)}`
        : (listed[0] ?? '(nothing)')
    if (rule.attribute === 'visitor')
      return `${rule.operator === 'is-not' ? 'are not' : 'are'} ${list} visitors`
    const subject =
      rule.attribute === 'query'
        ? `the query parameter “${rule.parameter ?? '?'}”`
        : SUBJECT[rule.attribute]
    const verb = rule.operator === 'is' ? 'is' : rule.operator === 'is-not' ? 'is not' : 'contains'
    return `${subject} ${verb} ${list}`
  })
  const joiner = audience.match === 'any' ? ' or ' : ' and '
  return `Visitors enter when ${parts.join(joiner)}.`
}
