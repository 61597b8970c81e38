/**
 * How many proxies in front of the app append to `X-Forwarded-For` (`TRUSTED_PROXY_HOPS`,
 * default 0). Next exposes no socket address, so only entries written by those proxies are
 * trustworthy; anything to their left was written by the client.
 */
export function trustedProxyHops(): number {
  const hops = Number(process.env.TRUSTED_PROXY_HOPS ?? 0)
  return Number.isInteger(hops) && hops > 0 ? Math.min(hops, 10) : 0
}

/**
 * The client's address as the nearest trusted proxy saw it: the entry the outermost trusted
 * proxy appended (the N-th from the right for N trusted hops), never what the client wrote.
 * Null when no proxy is trusted or the chain is shorter than the trusted hops.
 */
export function clientAddress(headers: Headers, hops = trustedProxyHops()): string | null {
  if (hops === 0) return null
  const chain = (headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  const address = chain[chain.length - hops]
  return address && address.length <= 64 ? address : null
}
