import 'server-only'

import { pingDatabase } from '@/lib/db/ping'
import { getPayloadClient } from '@/lib/payload'
import { withinDeadline } from '@/lib/shared/deadline'
import { pingRedis } from '@/lib/shared/redis'

/** A readiness check answers within this time, whatever is stalled. */
const CHECK_TIMEOUT_MS = 2_000

type Part = 'ok' | 'unused' | string
export type Readiness = { ready: boolean; database: Part; redis: Part }

function withTimeout(work: Promise<Part>): Promise<Part> {
  return withinDeadline(
    work.catch((error: Error) => error?.message ?? String(error)),
    CHECK_TIMEOUT_MS,
    `no answer within ${CHECK_TIMEOUT_MS} ms`,
  )
}

/** Whether this instance can serve and store: the database answers, and Redis when configured. */
export async function checkReadiness(): Promise<Readiness> {
  const [database, redis] = await Promise.all([
    withTimeout(
      getPayloadClient()
        .then(pingDatabase)
        .then(() => 'ok'),
    ),
    withTimeout(pingRedis()),
  ])
  return { ready: database === 'ok' && (redis === 'ok' || redis === 'unused'), database, redis }
}
