// Load generators for the benchmarks. Pages: wrk (Debian's, in C) when installed — it leaves
// more of these 2 cores to the server than autocannon running in Node, which distorts ratios —
// else autocannon. Either way: requests/s, requests in all, p99 latency (ms) and answers that were
// not 2xx.
import { execFileSync } from 'node:child_process'

import autocannon from 'autocannon'

export const hasWrk = (() => {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' })
    return true
  } catch (error) {
    return error.status === 1 // wrk --version prints its version and exits 1
  }
})()

function withWrk(url, { headers = {}, duration, connections }) {
  const headerArgs = Object.entries(headers).flatMap(([key, value]) => ['-H', `${key}: ${value}`])
  const out = execFileSync(
    'wrk',
    ['-t2', `-c${connections}`, `-d${duration}s`, '--latency', ...headerArgs, url],
    { encoding: 'utf8' },
  )
  const p99 = /99%\s+([\d.]+)(us|ms|s)\b/.exec(out)
  const errors = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)
  return {
    generator: 'wrk',
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]),
    requests: Number(/(\d+) requests in/.exec(out)?.[1]),
    p99: p99 ? Number(p99[1]) * { us: 0.001, ms: 1, s: 1000 }[p99[2]] : Number.NaN,
    bad:
      Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0) +
      (errors ? errors.slice(1).reduce((sum, n) => sum + Number(n), 0) : 0),
  }
}

function withAutocannon(url, { headers = {}, duration, connections }) {
  return new Promise((resolve, reject) =>
    autocannon({ url, headers, duration, connections }, (error, r) =>
      error
        ? reject(error)
        : resolve({
            generator: 'autocannon',
            rps: r.requests.average,
            requests: r.requests.total,
            p99: r.latency.p99,
            bad: r.non2xx + r.errors + r.timeouts,
          }),
    ),
  )
}

/** Loads `url` with GET requests for `duration` seconds. */
export async function pageLoad(url, options, generator = hasWrk ? 'wrk' : 'autocannon') {
  return generator === 'wrk' ? withWrk(url, options) : withAutocannon(url, options)
}
