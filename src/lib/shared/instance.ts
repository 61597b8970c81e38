import { randomBytes } from 'node:crypto'
import { hostname } from 'node:os'

import { processSingleton } from './processSingleton'

/**
 * This server process among the instances sharing a Redis: names its stream consumer and lock
 * holdings, and tells its own invalidation messages from others'. `INSTANCE_ID` overrides it.
 */
export const instanceId: string = processSingleton(
  'instanceId',
  () =>
    process.env.INSTANCE_ID?.trim() ||
    `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
)
