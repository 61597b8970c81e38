import { DEVICE_VALUES, VISITOR_VALUES } from '@/lib/experiments/audience'

export type RuleError = { path: string; message: string }

export type ExperimentRuleInput = {
  status: string
  page: { id: string; title: string; published?: boolean } | null
  startDate?: string | null
  endDate?: string | null
  variants: {
    id: string
    /** Null when the variant no longer exists. */
    name: string | null
    page: { id: string; title: string } | null
    /** False for a variant that was never published (drafts are not served). */
    published?: boolean
    trafficPercentage: number | null | undefined
  }[]
  /** Another running experiment on the same page, if any. */
  otherRunning: { id: string; name: string } | null
  /** Goals counting leads of one named form; checked against the forms named on the page. */
  goals?: { kind?: string | null; form?: string | null }[] | null
  /** The "Form name"s of the lead forms on the page and its variants (when they were loaded). */
  formNames?: ReadonlySet<string>
}

const round2 = (value: number) => Math.round(value * 100) / 100

/**
 * Every rule an experiment must satisfy, as messages a marketer understands. Drafts may be
 * incomplete (fewer than two variants, traffic not yet adding up to 100%); every other rule
 * always holds. The first variant is the control.
 */
export function experimentRuleErrors(input: ExperimentRuleInput): RuleError[] {
  const errors: RuleError[] = []
  const { variants, page } = input
  const isDraft = input.status === 'draft'

  if (!isDraft && variants.length < 2) {
    errors.push({
      path: 'variants',
      message: `An experiment needs at least 2 variants (the first one is the control); it has ${variants.length}.`,
    })
  }

  const seen = new Set<string>()
  variants.forEach((variant, index) => {
    const label = variant.name ? `"${variant.name}"` : `#${variant.id}`
    if (variant.name === null) {
      errors.push({
        path: `variants.${index}.variant`,
        message: `Variant ${label} no longer exists.`,
      })
    }
    if (seen.has(variant.id)) {
      errors.push({
        path: `variants.${index}.variant`,
        message: `Variant ${label} is listed twice; each variant can appear only once.`,
      })
    }
    seen.add(variant.id)
    const share = variant.trafficPercentage
    if (typeof share !== 'number' || !Number.isFinite(share) || share < 0 || share > 100) {
      errors.push({
        path: `variants.${index}.trafficPercentage`,
        message: `Variant ${label} needs a traffic percentage from 0 to 100.`,
      })
    }
    if (page && variant.page && variant.page.id !== page.id) {
      errors.push({
        path: `variants.${index}.variant`,
        message: `Variant ${label} belongs to the page "${variant.page.title}", not to "${page.title}"; choose variants of this experiment's page.`,
      })
    }
  })

  if (input.status === 'running') {
    const total = round2(variants.reduce((sum, v) => sum + (Number(v.trafficPercentage) || 0), 0))
    if (total !== 100) {
      errors.push({
        path: 'variants',
        message: `Traffic percentages add up to ${total}%; they must add up to exactly 100% to run the experiment.`,
      })
    }
    if (page && page.published === false) {
      errors.push({
        path: 'page',
        message: `The page "${page.title}" is an unpublished draft; publish it before running an experiment on it.`,
      })
    }
    variants.forEach((variant, index) => {
      if (variant.name !== null && variant.published === false) {
        errors.push({
          path: `variants.${index}.variant`,
          message: `Variant "${variant.name}" is an unpublished draft; publish it before running the experiment (visitors get published content only).`,
        })
      }
    })
    if (input.otherRunning && page) {
      errors.push({
        path: 'status',
        message: `The page "${page.title}" already has a running experiment, "${input.otherRunning.name}"; pause or complete it first.`,
      })
    }
  }

  if (
    input.startDate &&
    input.endDate &&
    Date.parse(input.endDate) <= Date.parse(input.startDate)
  ) {
    errors.push({ path: 'endDate', message: 'The end date must be after the start date.' })
  }

  // A goal on one form names a form that is there (on the page or in a variant), else it would
  // silently count nothing.
  const named = input.formNames
  if (named && page) {
    ;(input.goals ?? []).forEach((goal, index) => {
      const form = goal.kind === 'lead' ? goal.form?.trim() : ''
      if (!form || named.has(form)) return
      const known = [...named].sort()
      errors.push({
        path: `goals.${index}.form`,
        message: known.length
          ? `No lead form named “${form}” on "${page.title}" or its variants; named forms: ${known.join(', ')}.`
          : `No lead form on "${page.title}" or its variants has a Form name; name one (Form name, on the lead form block) or leave this empty for any form.`,
      })
    })
  }
  return errors
}

/** A rule's value must make sense for its attribute (devices and visitor kinds are fixed lists). */
export function validateAudienceValue(
  value: string | null | undefined,
  { siblingData }: { siblingData?: { attribute?: string; operator?: string; parameter?: string } },
): true | string {
  const listed = (value ?? '')
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean)
  if (listed.length === 0) return 'Give a value.'
  const fixed: Record<string, readonly string[]> = {
    device: DEVICE_VALUES,
    visitor: VISITOR_VALUES,
  }
  const allowed = siblingData?.attribute ? fixed[siblingData.attribute] : undefined
  const wrong = allowed ? listed.find((item) => !allowed.includes(item)) : undefined
  if (wrong) return `"${wrong}" is not one of: ${allowed!.join(', ')}.`
  if (siblingData?.attribute === 'query' && !siblingData.parameter?.trim())
    return 'Name the query parameter.'
  return true
}
