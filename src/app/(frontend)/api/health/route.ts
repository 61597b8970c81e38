import { queueStats } from '@/lib/tracking/queue'

export const dynamic = 'force-dynamic'

/** Liveness for load balancers (and the no-op baseline of `npm run bench`): no database work. */
export function GET() {
  return Response.json(
    { ok: true, events: queueStats() },
    { headers: { 'cache-control': 'no-store' } },
  )
}
