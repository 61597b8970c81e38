import { describe, expect, it } from 'vitest'

import { dayOf, isTimeZone } from '@/lib/db/events'

describe('days in the site’s time zone', () => {
  it.each([
    ['2026-11-20T05:00:00.000Z', 'UTC', '2026-11-20'],
    ['2026-11-20T05:00:00.000Z', 'America/Los_Angeles', '2026-11-19'],
    ['2026-11-20T23:30:00.000Z', 'Europe/Berlin', '2026-11-21'],
    ['2026-11-20T23:30:00.000Z', 'Asia/Kolkata', '2026-11-21'],
    ['2026-03-29T00:30:00.000Z', 'Europe/Berlin', '2026-03-29'],
    ['2026-11-20T05:00:00.000Z', 'Not/AZone', '2026-11-20'],
  ])('%s in %s is %s', (timestamp, zone, day) => {
    expect(dayOf(timestamp, zone)).toBe(day)
  })

  it.each([
    ['UTC', true],
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Mars/Olympus', false],
    ['', false],
    [42, false],
    ['x'.repeat(65), false],
  ])('%s is a time zone: %s', (value, known) => {
    expect(isTimeZone(value)).toBe(known)
  })
})
