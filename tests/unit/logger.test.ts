import { Writable } from 'node:stream'

import { describe, expect, it } from 'vitest'

import { payloadLogger } from '@/hooks/logger'

function capture() {
  const lines: Record<string, unknown>[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line))
      done()
    },
  })
  return { lines, logger: payloadLogger(stream) }
}

describe('payload logger', () => {
  it('logs a refused request (4xx) as one info line without a stack', () => {
    const { lines, logger } = capture()
    const err = Object.assign(new Error('You are not allowed to perform this action.'), {
      status: 403,
    })
    logger.error({ err })
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: '403 You are not allowed to perform this action.',
    })
    expect(JSON.stringify(lines[0])).not.toMatch(/stack/)
  })

  it('keeps server errors as errors with their stack', () => {
    const { lines, logger } = capture()
    logger.error({ err: Object.assign(new Error('database exploded'), { status: 500 }) })
    logger.error({ err: new Error('no status at all') })
    expect(lines.map((line) => line.level)).toEqual([50, 50])
    expect(JSON.stringify(lines[0])).toMatch(/stack/)
  })
})
