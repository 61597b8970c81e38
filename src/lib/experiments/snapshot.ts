import { matchesAudience, type Audience, type Traits } from '@/lib/experiments/audience'
import { chooseVariant, getBucketRanges } from '@/lib/experiments/buckets'
import { BUCKETS, hash } from '@/lib/experiments/hash'
import type { StickyAssignments } from '@/lib/visitor/sticky'

export type ExperimentStatus = 'draft' | 'running' | 'paused' | 'completed'

/** What assignment needs to know about one experiment; IDs as strings on every adapter. */
export type ExperimentConfig = {
  id: string
  name: string
  seed: string
  /** Paths whose visits are this experiment's goals (pageview goals). */
  goalPaths?: string[]
  pageId: string
  pageSlug: string
  status: ExperimentStatus
  startDate: string | null
  endDate: string | null
  variants: { id: string; trafficPercentage: number }[]
  /** Percentage of visitors who enter the experiment at all (default 100). */
  allocation?: number
  /** The current allocation period (index of the split in force); stamped on impressions. */
  allocationPeriod?: number
  /** Who may enter (no rules: everyone). */
  audience?: Audience | null
}

/** Everything the proxy needs to assign a visitor, with no database at hand. */
export type AssignmentSnapshot = {
  experiments: ExperimentConfig[]
  consentRequired: boolean
  /** Slugs of every page, when known: other single-segment paths are not pages. */
  pageSlugs?: ReadonlySet<string>
  /** Paths that are some running experiment's page-visit goal (the proxy records those visits). */
  goalPaths?: ReadonlySet<string>
  /** Client address ranges whose visits are not counted (site settings). */
  internalRanges?: readonly string[]
  loadedAt: number
}

export type Assignment = {
  experiment: ExperimentConfig
  variantId: string
  /** True when the choice was not already recorded in the visitor's sticky assignments. */
  fresh: boolean
}

/** A running experiment serves only between its start and end dates, when they are set. */
export function isServing(experiment: ExperimentConfig, now: Date): boolean {
  if (experiment.status !== 'running') return false
  const time = now.getTime()
  if (experiment.startDate && time < Date.parse(experiment.startDate)) return false
  if (experiment.endDate && time >= Date.parse(experiment.endDate)) return false
  return true
}

export function findServingExperiment(
  snapshot: AssignmentSnapshot,
  pageSlug: string,
  now: Date,
): ExperimentConfig | null {
  return snapshot.experiments.find((e) => e.pageSlug === pageSlug && isServing(e, now)) ?? null
}

/**
 * Whether a visitor is in the share of traffic that enters the experiment. A hash of its own
 * (the seed with ":allocation"), independent of the variant split, so changing the allocation
 * never moves anyone between variants; raising it only adds visitors (the buckets below 20% are
 * below 50% too), and an assigned visitor keeps their variant through their sticky cookie even
 * when it is lowered.
 */
export function inAllocation(experiment: ExperimentConfig, visitorId: string): boolean {
  const allocation = experiment.allocation ?? 100
  if (!(allocation < 100)) return true
  return hash(`${experiment.seed}:allocation`, visitorId) < Math.round((allocation * BUCKETS) / 100)
}

/**
 * The variant a visitor sees on a page: the one recorded in their sticky assignments while it is
 * still part of the experiment, else the one their bucket falls in. Null when the page has no
 * serving experiment, or the visitor is outside its traffic allocation (the page's own layout is
 * shown, and nothing is counted).
 */
export function assignFromSnapshot(
  snapshot: AssignmentSnapshot,
  input: {
    pageSlug: string
    visitorId: string
    now: Date
    sticky?: StickyAssignments
    /** The request's traits, read only when the experiment has audience rules; without them a
     * visitor matches no rule-bound audience. */
    traits?: () => Traits
  },
): Assignment | null {
  const experiment = findServingExperiment(snapshot, input.pageSlug, input.now)
  if (!experiment || experiment.variants.length === 0) return null

  const remembered = input.sticky?.[experiment.id]
  if (remembered && experiment.variants.some((v) => v.id === remembered)) {
    return { experiment, variantId: remembered, fresh: false }
  }
  if (experiment.audience?.rules.length) {
    if (!input.traits || !matchesAudience(experiment.audience, input.traits)) return null
  }
  if (!inAllocation(experiment, input.visitorId)) return null
  const ranges = getBucketRanges(experiment.variants.map((v) => v.trafficPercentage))
  const index = chooseVariant(hash(experiment.seed, input.visitorId), ranges)
  if (index < 0) return null
  return { experiment, variantId: experiment.variants[index].id, fresh: true }
}
