import { describe, expect, it } from 'vitest'

import { segmentFromMetadata, segmentOf } from '@/lib/experiments/segments'

const traits = (query: string, referrer: string | null, device = 'desktop', returning = false) => ({
  device: device as 'desktop',
  query: new URLSearchParams(query),
  referrer,
  returning,
})

describe('segment at first exposure', () => {
  it.each([
    ['utm_source=Google', null, 'google'],
    ['utm_source=google&utm_medium=cpc', 'news.example.com', 'google'],
    ['', 'news.example.com', 'news.example.com'],
    ['', null, 'direct'],
    ['utm_source=', 'example.org', 'example.org'],
    ['utm_source=<script>', null, 'direct'],
    ['utm_source=' + 'x'.repeat(60), null, 'direct'],
  ])('?%s from %s → source %s', (query, referrer, source) => {
    expect(segmentOf(traits(query, referrer)).source).toBe(source)
  })

  it('keeps the device and whether the visitor was new', () => {
    expect(segmentOf(traits('', null, 'tablet', true))).toEqual({
      device: 'tablet',
      source: 'direct',
      visitor: 'returning',
    })
  })

  it.each([
    [{ segment: { device: 'mobile', source: 'google', visitor: 'new' } }, true],
    [{ segment: { device: 'phone', source: 'google', visitor: 'new' } }, false],
    [{ segment: { device: 'mobile', source: 'Bad Source', visitor: 'new' } }, false],
    [{ segment: { device: 'mobile', source: 'google', visitor: 'maybe' } }, false],
    [{ segment: 'mobile' }, false],
    [{}, false],
    [null, false],
  ])('reads %j back: %s', (metadata, valid) => {
    expect(segmentFromMetadata(metadata) !== null).toBe(valid)
  })
})
