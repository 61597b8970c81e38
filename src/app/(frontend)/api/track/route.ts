import { handleTrackRequest } from '@/lib/tracking/handleTrackRequest'
import { getPayloadClient } from '@/lib/payload'

export const dynamic = 'force-dynamic'

export async function POST(request: Request) {
  return handleTrackRequest(request, getPayloadClient)
}

export function GET() {
  return Response.json({ error: 'Use POST.' }, { status: 405, headers: { allow: 'POST' } })
}
