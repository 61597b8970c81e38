/**
 * Runs once when a Next.js server process starts. On Node it connects the in-process stores that
 * the proxy reads (experiment configuration) and feeds (events) to Payload.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return
  if (process.env.NEXT_PHASE === 'phase-production-build') return
  const { startServerRuntime } = await import('@/lib/serverRuntime')
  await startServerRuntime()
}
