import { checkReadiness } from '@/lib/readiness'

export const dynamic = 'force-dynamic'

/**
 * Readiness for load balancers: 200 when this instance can serve and store (database answers,
 * and Redis when REDIS_URL is set), 503 with the failing part named otherwise. Liveness, with
 * no I/O, stays at /api/health.
 */
export async function GET() {
  const report = await checkReadiness()
  return Response.json(report, {
    status: report.ready ? 200 : 503,
    headers: { 'cache-control': 'no-store' },
  })
}
