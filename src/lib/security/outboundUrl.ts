import { lookup as dnsLookup } from 'node:dns/promises'

import ipaddr from 'ipaddr.js'

export type OutboundCheck = { ok: true } | { ok: false; reason: string }
type Lookup = (hostname: string) => Promise<{ address: string }[]>

/**
 * Whether loopback targets are allowed (`ALLOW_LOOPBACK_WEBHOOKS=true`): for local trials and
 * tests whose receiver listens on 127.0.0.1. Private and link-local ranges stay refused.
 */
export const loopbackAllowed = () => process.env.ALLOW_LOOPBACK_WEBHOOKS === 'true'

const LOCAL_NAMES =
  /^(localhost|localhost\.localdomain|ip6-localhost|ip6-loopback)$|\.(localhost|local|internal)$/i

function checkAddress(address: string, allowLoopback: boolean): OutboundCheck {
  if (!ipaddr.isValid(address)) return { ok: false, reason: `"${address}" is not an address.` }
  const range = ipaddr.process(address).range()
  if (range === 'unicast') return { ok: true }
  if (range === 'loopback' && allowLoopback) return { ok: true }
  return {
    ok: false,
    reason: `${address} is a ${range} address; webhooks go to public addresses only${range === 'loopback' ? ' (set ALLOW_LOOPBACK_WEBHOOKS=true for local tests)' : ''}.`,
  }
}

/**
 * The checks that need no network: an http(s) URL without credentials, and, when its host is an
 * address or a local name, one that is public. Used to validate the setting as it is saved.
 */
export function checkOutboundUrlSyntax(
  value: string,
  allowLoopback = loopbackAllowed(),
): OutboundCheck {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return { ok: false, reason: 'Enter an http:// or https:// URL.' }
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'Enter an http:// or https:// URL.' }
  if (url.username || url.password)
    return { ok: false, reason: 'Leave credentials out of the URL.' }
  const host = url.hostname.replace(/^\[|\]$/g, '')
  if (ipaddr.isValid(host)) return checkAddress(host, allowLoopback)
  if (LOCAL_NAMES.test(host))
    return allowLoopback && /localhost$/i.test(host)
      ? { ok: true }
      : { ok: false, reason: `${host} is a local name; webhooks go to public addresses only.` }
  return { ok: true }
}

/**
 * The full check before each delivery: the syntax above, then every address the host resolves
 * to must be public (a name that points inside the network is refused, as SSRF defences do).
 * A rebinding between this lookup and the connection remains possible; the receiver's answer is
 * never shown to anyone, which limits what such a request could reveal.
 */
export async function checkOutboundUrl(
  value: string,
  {
    allowLoopback = loopbackAllowed(),
    lookup = defaultLookup,
  }: { allowLoopback?: boolean; lookup?: Lookup } = {},
): Promise<OutboundCheck> {
  const syntax = checkOutboundUrlSyntax(value, allowLoopback)
  if (!syntax.ok) return syntax
  const host = new URL(value).hostname.replace(/^\[|\]$/g, '')
  if (ipaddr.isValid(host)) return syntax
  let addresses: { address: string }[]
  try {
    addresses = await lookup(host)
  } catch {
    return { ok: false, reason: `${host} could not be resolved.` }
  }
  for (const { address } of addresses) {
    const check = checkAddress(address, allowLoopback)
    if (!check.ok) return { ok: false, reason: `${host} resolves to ${check.reason}` }
  }
  return addresses.length ? { ok: true } : { ok: false, reason: `${host} could not be resolved.` }
}

const defaultLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true })
