import { describe, expect, it } from 'vitest'

import { cookieHeaderGetter, readVisitor } from '@/lib/visitor/readVisitor'
import { encodeAssignments } from '@/lib/visitor/sticky'

const SECRET = 'unit-secret'
const VID = 'abcdefghijklmnopqrstu'

describe('reading the visitor from a raw Cookie header (the tracking endpoint)', () => {
  const sticky = { '1': '2', '7': '11' }
  const value = encodeAssignments(sticky, VID, SECRET)

  it('reads assignments as the browser sends them back: URL-encoded, as Next set them', () => {
    const header = `vid=${VID}; spa=${encodeURIComponent(value)}`
    expect(header).toContain('%3A')
    expect(readVisitor(cookieHeaderGetter(header), SECRET)).toMatchObject({ id: VID, sticky })
  })

  it('reads them unencoded too, and survives a malformed escape', () => {
    expect(readVisitor(cookieHeaderGetter(`vid=${VID}; spa=${value}`), SECRET).sticky).toEqual(
      sticky,
    )
    const broken = readVisitor(cookieHeaderGetter(`vid=${VID}; spa=%E0%A4%A`), SECRET)
    expect(broken.id).toBe(VID)
    expect(broken.sticky ?? {}).toEqual({})
  })

  it('ignores assignments signed for another visitor', () => {
    const other = encodeAssignments(sticky, 'zzzzzzzzzzzzzzzzzzzzz', SECRET)
    const header = `vid=${VID}; spa=${encodeURIComponent(other)}`
    expect(readVisitor(cookieHeaderGetter(header), SECRET).sticky ?? {}).toEqual({})
  })
})
