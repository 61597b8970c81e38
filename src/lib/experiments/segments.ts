import type { Traits } from '@/lib/experiments/audience'

/**
 * What a visitor's first exposure records for segment breakdowns: their device, where they came
 * from (the UTM source, else the referring site, else "direct") and whether they had visited the
 * site before. Recorded once per visitor, so segments never double-count. Pure.
 */
export type Segment = { device: string; source: string; visitor: 'new' | 'returning' }

export const SEGMENT_DIMENSIONS = {
  device: 'Device',
  source: 'Traffic source',
  visitor: 'New or returning',
  day: 'Landing date',
} as const
export type SegmentDimension = keyof typeof SEGMENT_DIMENSIONS

const SOURCE = /^[a-z0-9][a-z0-9._-]{0,39}$/

export function segmentOf(
  traits: Pick<Traits, 'device' | 'query' | 'referrer' | 'returning'>,
): Segment {
  const utm = traits.query.get('utm_source')?.trim().toLowerCase() ?? ''
  const referrer = traits.referrer?.toLowerCase() ?? ''
  const source = SOURCE.test(utm) ? utm : SOURCE.test(referrer) ? referrer : 'direct'
  return { device: traits.device, source, visitor: traits.returning ? 'returning' : 'new' }
}

/** A segment as stored on an impression's metadata (and read back by the rollups). */
export function segmentFromMetadata(metadata: unknown): Segment | null {
  const value = (metadata as { segment?: Partial<Segment> } | null | undefined)?.segment
  if (!value || typeof value !== 'object') return null
  const device = ['mobile', 'tablet', 'desktop'].includes(String(value.device))
    ? String(value.device)
    : null
  const source = typeof value.source === 'string' && SOURCE.test(value.source) ? value.source : null
  const visitor =
    value.visitor === 'returning' ? 'returning' : value.visitor === 'new' ? 'new' : null
  return device && source && visitor ? { device, source, visitor } : null
}
