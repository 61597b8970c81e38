// `npm run bench -- --stats [--quick]`: a seeded Monte Carlo of the peeking-safe test as the
// product runs it (sequentialTest, the mixture tuned from the planned baseline and effect, a look
// after every 100 visitors per arm), beside a fixed-horizon z-test peeked at the same looks and
// GrowthBook's asymptotic confidence sequences (their published method, default tuning N* = 5000,
// implemented here only for the comparison). Prints a table and writes bench/results/stats.json.
import fs from 'node:fs'

import normalQuantile from '@stdlib/stats-base-dists-normal-quantile'

import {
  mixtureTau,
  SEQUENTIAL_SAMPLE_SIZE_FACTOR,
  sequentialTest,
  visitorsPerArm,
} from '@/lib/stats/experimentStats'

import { generator } from './random'

const quick = process.argv.includes('--quick')
const SIMS = quick ? 400 : 2000
const LOOK = 100
const ALPHA = 0.05
const BASELINE = 0.05
const MDE = 0.1

/** Binomial(LOOK, p) by inversion of its exact CDF (one uniform per draw). */
function binomial(p: number) {
  const cdf: number[] = []
  let term = (1 - p) ** LOOK
  let sum = 0
  for (let k = 0; k <= LOOK; k++) {
    sum += term
    cdf.push(sum)
    term = (term * (LOOK - k) * p) / ((k + 1) * (1 - p))
  }
  return (u: number) => {
    let k = 0
    while (k < LOOK && u > cdf[k]) k++
    return k
  }
}

const zCrit = normalQuantile(1 - ALPHA / 2, 0, 1)

/**
 * The product's tuning (mixtureTau), or, with STATS_TAUS=planned, the mixture tuned for the
 * planned effect itself (τ = lift × baseline): the alternative the README compares against.
 */
function tuning(): number {
  return process.env.STATS_TAUS === 'planned'
    ? Math.max(MDE * BASELINE, 1e-4)
    : mixtureTau(BASELINE, MDE, ALPHA)
}

/** GrowthBook's asymptotic confidence sequence on the difference (N = users in both arms). */
function growthbookCalls(xc: number, xv: number, n: number, tuning = 5000) {
  const pc = xc / n
  const pv = xv / n
  const variance = (pc * (1 - pc) + pv * (1 - pv)) / n
  if (variance === 0) return false
  const total = 2 * n
  const rho2 = (-2 * Math.log(ALPHA) + Math.log(-2 * Math.log(ALPHA) + 1)) / tuning
  const half =
    Math.sqrt(variance * total) *
    Math.sqrt(
      ((2 * (total * rho2 + 1)) / (total * total * rho2)) *
        Math.log(Math.sqrt(total * rho2 + 1) / ALPHA),
    )
  return Math.abs(pv - pc) > half
}

function fixedCalls(xc: number, xv: number, n: number) {
  const pc = xc / n
  const pv = xv / n
  const se = Math.sqrt((pc * (1 - pc) + pv * (1 - pv)) / n)
  return se > 0 && Math.abs(pv - pc) / se > zCrit
}

type FirstCalls = { ours: number[]; growthbook: number[]; peekedZ: number[] }

/**
 * Simulates experiments of up to `maxPerArm` visitors per arm with the given true rates;
 * returns, per method, the visitors per arm at the first look that called it (Infinity: never).
 */
function simulate(
  pc: number,
  pv: number,
  maxPerArm: number,
  seed: number,
  tau: number = tuning(),
): FirstCalls {
  const drawC = binomial(pc)
  const drawV = binomial(pv)
  const calls: FirstCalls = { ours: [], growthbook: [], peekedZ: [] }
  for (let sim = 0; sim < SIMS; sim++) {
    // One stream per simulated experiment: every method sees the same experiments.
    const random = generator(seed * 1_000_003 + sim)
    let xc = 0
    let xv = 0
    let ours = Infinity
    let growthbook = Infinity
    let peekedZ = Infinity
    for (let n = LOOK; n <= maxPerArm; n += LOOK) {
      xc += drawC(random())
      xv += drawV(random())
      if (ours === Infinity) {
        const p = sequentialTest({ n, x: xc }, { n, x: xv }, ALPHA, tau)?.pValue
        if (p != null && p < ALPHA) ours = n
      }
      if (growthbook === Infinity && growthbookCalls(xc, xv, n)) growthbook = n
      if (peekedZ === Infinity && fixedCalls(xc, xv, n)) peekedZ = n
      if (ours !== Infinity && growthbook !== Infinity && peekedZ !== Infinity) break
    }
    calls.ours.push(ours)
    calls.growthbook.push(growthbook)
    calls.peekedZ.push(peekedZ)
  }
  return calls
}

const share = (firsts: number[], byN: number) => firsts.filter((n) => n <= byN).length / SIMS
const mcError = (rate: number) => Math.sqrt((rate * (1 - rate)) / SIMS)
const median = (firsts: number[]) => [...firsts].sort((a, b) => a - b)[Math.floor(SIMS / 2)]

const fixedN = visitorsPerArm(BASELINE, MDE, ALPHA, 0.8)!
const horizon = Math.ceil((3 * fixedN) / LOOK) * LOOK
const started = Date.now()

// 1. No effect: false positives under continuous peeking.
const aa = simulate(BASELINE, BASELINE, horizon, 1)
// 2. The planned effect: the sample size at which the peeking-safe test reaches 80% power.
const planned = simulate(BASELINE, BASELINE * (1 + MDE), horizon, 2)
let sequentialN = horizon
for (let n = LOOK; n <= horizon; n += LOOK) {
  if (share(planned.ours, n) >= 0.8) {
    sequentialN = n
    break
  }
}
const factor = sequentialN / fixedN
// Checked on fresh experiments (another seed), and on another plan (20% baseline, +5%), with
// the factor the product ships (SEQUENTIAL_SAMPLE_SIZE_FACTOR).
const shipped = SEQUENTIAL_SAMPLE_SIZE_FACTOR['0.05:0.8']
const estimate = Math.ceil((fixedN * shipped) / LOOK) * LOOK
const fresh = simulate(BASELINE, BASELINE * (1 + MDE), estimate, 4)
const otherFixed = visitorsPerArm(0.2, 0.05, ALPHA, 0.8)!
const otherEstimate = Math.ceil((otherFixed * shipped) / LOOK) * LOOK
const other = simulate(0.2, 0.2 * 1.05, otherEstimate, 5, mixtureTau(0.2, 0.05, ALPHA))
// 3. Twice the planned effect, and early calls of large effects.
const double = simulate(BASELINE, BASELINE * (1 + 2 * MDE), 30_000, 3)
const large = [0.2, 0.4, 1.0].map((lift, i) => ({
  lift,
  calls: simulate(BASELINE, BASELINE * (1 + lift), 30_000, 10 + i),
}))

const rows: string[] = []
const out = {
  date: new Date().toISOString(),
  settings: { sims: SIMS, look: LOOK, alpha: ALPHA, baseline: BASELINE, mde: MDE },
  falsePositives: {
    horizonPerArm: horizon,
    ours: share(aa.ours, horizon),
    growthbook: share(aa.growthbook, horizon),
    peekedZ: share(aa.peekedZ, horizon),
    monteCarloError: mcError(ALPHA),
  },
  sampleSize: {
    fixedPerArm: fixedN,
    sequentialPerArm: sequentialN,
    factor,
    shippedFactor: shipped,
    powerAtShippedEstimate: share(fresh.ours, estimate),
    otherPlan: {
      baseline: 0.2,
      mde: 0.05,
      perArm: otherEstimate,
      power: share(other.ours, otherEstimate),
    },
  },
  power: [1_000, 3_000, 10_000, 30_000].map((n) => ({
    perArm: n,
    plannedEffect: { ours: share(planned.ours, n), growthbook: share(planned.growthbook, n) },
    doubleEffect: { ours: share(double.ours, n), growthbook: share(double.growthbook, n) },
  })),
  firstCallMedian: large.map(({ lift, calls }) => ({
    lift,
    ours: median(calls.ours),
    growthbook: median(calls.growthbook),
  })),
  seconds: (Date.now() - started) / 1000,
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
rows.push(
  `Monte Carlo: ${SIMS} experiments per scenario, a look every ${LOOK} visitors per arm, α = ${ALPHA}, baseline ${pct(BASELINE)}, planned lift +${MDE * 100}%`,
  '',
  `false positives, peeking up to ${horizon} per arm: ours ${pct(out.falsePositives.ours)}, GrowthBook CS ${pct(out.falsePositives.growthbook)}, fixed z-test peeked ${pct(out.falsePositives.peekedZ)} (goal ≤ ${pct(ALPHA)}, Monte Carlo error ±${pct(out.falsePositives.monteCarloError)})`,
  `sample size for 80% power: fixed ${fixedN} per arm, peeking-safe ${sequentialN} per arm (factor ${factor.toFixed(3)}; shipped ${shipped})`,
  `power at the shipped estimate on fresh experiments: ${pct(out.sampleSize.powerAtShippedEstimate)} at ${estimate} per arm; another plan (20% baseline, +5%): ${pct(out.sampleSize.otherPlan.power)} at ${otherEstimate} per arm (goal ≥ 77%)`,
  '',
  'power          planned lift (ours / GrowthBook)   twice the lift (ours / GrowthBook)',
  ...out.power.map(
    (row) =>
      `${String(row.perArm).padStart(6)} per arm  ${pct(row.plannedEffect.ours).padStart(7)} / ${pct(row.plannedEffect.growthbook).padEnd(22)} ${pct(row.doubleEffect.ours).padStart(7)} / ${pct(row.doubleEffect.growthbook)}`,
  ),
  `(Monte Carlo standard error at 50%: ±${pct(mcError(0.5))})`,
  '',
  'median visitors per arm to the first call: ' +
    out.firstCallMedian
      .map((row) => `+${row.lift * 100}%: ours ${row.ours}, GrowthBook ${row.growthbook}`)
      .join('; '),
  `(${out.seconds.toFixed(1)} s)`,
)
console.log(rows.join('\n'))
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync('bench/results/stats.json', `${JSON.stringify(out, null, 2)}\n`)
console.log('written to bench/results/stats.json')
