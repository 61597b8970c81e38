/**
 * Goals beyond the primary one (a lead submitted): what counts as reaching them, as a signature
 * that events carry and the rollups key by. Pure: no Payload, no Next.
 *
 * A click goal names a block type, not one block: a variant's blocks are copies with ids of their
 * own, so "the hero's button" is the same goal in every variant only by its type.
 */
export const CLICK_GOAL_BLOCKS = {
  hero: 'the hero’s button',
  cta: 'a call to action',
  leadForm: 'a lead form’s button',
} as const
export type ClickGoalBlock = keyof typeof CLICK_GOAL_BLOCKS

export const GOAL_ROLES = ['secondary', 'guardrail', 'primary'] as const
export type GoalRole = (typeof GOAL_ROLES)[number]
export const GOAL_KINDS = ['click', 'custom', 'pageview', 'lead', 'value'] as const
export type GoalKind = (typeof GOAL_KINDS)[number]

export type GoalDefinition = {
  id?: string | null
  role?: GoalRole | null
  kind?: GoalKind | null
  blockType?: string | null
  eventName?: string | null
  /** pageview goals: the path that counts (e.g. /thank-you). */
  path?: string | null
  /** lead goals: only leads from the lead form of this name (its "Form name"); empty: any form. */
  form?: string | null
  label?: string | null
  /** False for a goal to keep low (a refund, an unsubscribe): a rise is what is worse. */
  higherIsBetter?: boolean | null
}

/** `click:hero`, `custom:signup`; null for an incomplete definition. */
export function goalSignature(goal: GoalDefinition): string | null {
  if (goal.kind === 'click' && goal.blockType && goal.blockType in CLICK_GOAL_BLOCKS)
    return `click:${goal.blockType}`
  if (goal.kind === 'custom' && goal.eventName?.trim()) return `custom:${goal.eventName.trim()}`
  if (goal.kind === 'pageview' && goal.path && GOAL_PATH.test(goal.path))
    return `pageview:${goal.path}`
  if (goal.kind === 'lead') {
    const form = goal.form?.trim()
    if (!form) return 'lead'
    return FORM_NAME.test(form) ? `lead:${form}` : null
  }
  if (goal.kind === 'value') return 'value'
  return null
}

/** A lead form's name, the same in every variant's copy of the form (`demo-request`). */
export const FORM_NAME = /^[a-z][a-z0-9-]{0,39}$/

/** A page address as a goal: `/` or `/slug`, lower case (what the proxy sees). */
export const GOAL_PATH = /^\/([a-z0-9][a-z0-9-]{0,79})?$/

/**
 * The goal an event reaches, if any: a click on a block (by its type), a named custom event, a
 * goal page, or a lead from a named form (its conversion carries the form's name).
 */
export function eventGoalSignature(event: {
  eventType: string
  eventName?: string | null
  blockType?: string | null
  metadata?: unknown
}): string | null {
  if (event.eventType === 'click' && event.blockType && event.blockType in CLICK_GOAL_BLOCKS)
    return `click:${event.blockType}`
  if (event.eventType === 'custom' && event.eventName) return `custom:${event.eventName}`
  if (event.eventType === 'pageview' && event.eventName) return `pageview:${event.eventName}`
  if (event.eventType === 'conversion') {
    const form = (event.metadata as { form?: unknown } | null | undefined)?.form
    if (typeof form === 'string' && FORM_NAME.test(form)) return `lead:${form}`
  }
  return null
}

/** How the admin names a goal: the marketer's label, or what it counts. */
export function goalLabel(goal: GoalDefinition): string {
  if (goal.label?.trim()) return goal.label.trim()
  if (goal.kind === 'click' && goal.blockType && goal.blockType in CLICK_GOAL_BLOCKS)
    return `Clicks on ${CLICK_GOAL_BLOCKS[goal.blockType as ClickGoalBlock]}`
  if (goal.kind === 'custom' && goal.eventName) return `Custom event “${goal.eventName}”`
  if (goal.kind === 'pageview' && goal.path) return `Visits to ${goal.path}`
  if (goal.kind === 'lead')
    return goal.form?.trim() ? `A lead on the “${goal.form.trim()}” form` : 'A lead submitted'
  if (goal.kind === 'value') return 'Lead value per visitor'
  return 'Incomplete goal'
}

/** A definition's problem in the marketer's words, or null. */
export function goalProblem(goal: GoalDefinition): string | null {
  if (goal.kind === 'click' && !(goal.blockType && goal.blockType in CLICK_GOAL_BLOCKS))
    return 'Choose which block’s clicks count.'
  if (goal.kind === 'custom' && !/^[A-Za-z0-9 _.:-]{1,100}$/.test(goal.eventName?.trim() ?? ''))
    return 'Give the custom event’s name as sent by trackEvent (letters, digits, space, _ . : -).'
  if (goal.kind === 'pageview' && !GOAL_PATH.test(goal.path ?? ''))
    return 'Give the page’s address as visitors see it: / or /thank-you (lower case, no query).'
  if (goal.kind === 'lead' && goal.form?.trim() && !FORM_NAME.test(goal.form.trim()))
    return 'Give the lead form’s “Form name” as set on the form (e.g. demo-request), or leave it empty for any form.'
  return null
}

/** At most one goal may replace the lead as the primary goal. */
export function primaryGoalProblem(goals: GoalDefinition[] | null | undefined): string | null {
  const primaries = (goals ?? []).filter((goal) => goal.role === 'primary').length
  return primaries > 1
    ? `Only one goal can be the primary goal (it decides the verdict); ${primaries} are marked primary.`
    : null
}

/** The goal that replaces the lead as primary, if any (complete definitions only). */
export function primaryGoalOf<G extends GoalDefinition>(goals: G[] | null | undefined): G | null {
  return (
    (goals ?? []).find((goal) => goal.role === 'primary' && goalSignature(goal) !== null) ?? null
  )
}
