// `npm run bench -- --bandit [--quick]`: a seeded simulation of optimise mode (the product's own
// banditWeights on period-weighted counts, as the hourly job runs it) against a fixed even split,
// on the same simulated visitors: conversions lost against always showing the best variant
// (regret), and how often each ends with the truly best variant in the lead and called a
// significant winner. Prints a table and writes bench/results/bandit.json.
import fs from 'node:fs'

import { combinePeriods, type PeriodCounts } from '@/lib/stats/allocationPeriods'
import { banditWeights, BANDIT_DEFAULTS } from '@/lib/stats/bandit'
import { calculateExperimentStats } from '@/lib/stats/experimentStats'

import { generator } from './random'

const quick = process.argv.includes('--quick')
const SIMS = quick ? 200 : 1000
const BATCH = 1000 // visitors between two updates (an hour of a landing page's paid traffic)
const BATCHES = 20

type Outcome = { regret: number; leaderIsBest: boolean; calledBest: boolean; bestShare: number }

function run(rates: number[], optimise: boolean, random: () => number): Outcome {
  const k = rates.length
  const best = rates.indexOf(Math.max(...rates))
  let weights = Array.from({ length: k }, () => 100 / k)
  const periods: PeriodCounts[] = []
  let regret = 0
  let bestVisitors = 0
  for (let batch = 0; batch < BATCHES; batch++) {
    const period = {
      weights: [...weights],
      arms: rates.map(() => ({ visitors: 0, conversions: 0 })),
    }
    for (let v = 0; v < BATCH; v++) {
      // Assignment by the split in force, as the proxy's hash does for a new visitor.
      let u = random() * 100
      let arm = 0
      while (arm < k - 1 && u >= weights[arm]) u -= weights[arm++]
      period.arms[arm].visitors++
      if (random() < rates[arm]) period.arms[arm].conversions++
      regret += rates[best] - rates[arm]
      if (arm === best) bestVisitors++
    }
    const last = periods.at(-1)
    if (last && last.weights.every((w, i) => w === period.weights[i])) {
      last.arms.forEach((arm, i) => {
        arm.visitors += period.arms[i].visitors
        arm.conversions += period.arms[i].conversions
      })
    } else periods.push(period)
    if (optimise) {
      const decision = banditWeights(combinePeriods(periods).arms, BANDIT_DEFAULTS)
      if (decision.reason === 'thompson') weights = decision.weights
    }
  }
  const tested = combinePeriods(periods).arms
  const stats = calculateExperimentStats(
    tested.map((arm, i) => ({ id: String(i), name: String(i), ...arm })),
    weights,
    { sequential: true, minimumDetectableEffect: 0.1 },
  )
  const leader = stats.leadingArmId === null ? -1 : Number(stats.leadingArmId)
  const winners = stats.arms.filter((arm) => arm.verdict === 'winner').map((arm) => Number(arm.id))
  return {
    regret,
    leaderIsBest: leader === best,
    calledBest: best === 0 ? winners.length === 0 : winners.includes(best),
    bestShare: bestVisitors / (BATCH * BATCHES),
  }
}

const scenarios: { name: string; rates: number[] }[] = [
  { name: '5% vs 5% (no difference)', rates: [0.05, 0.05] },
  { name: '5% vs 5.5% (+10%)', rates: [0.05, 0.055] },
  { name: '5% vs 6.5% (+30%)', rates: [0.05, 0.065] },
  { name: '5% vs 7.5% (+50%)', rates: [0.05, 0.075] },
  { name: '5% / 5.5% / 6.5% (three arms)', rates: [0.05, 0.055, 0.065] },
]

const rows = scenarios.map((scenario, s) => {
  const sum = {
    fixed: { regret: 0, leader: 0, called: 0, share: 0 },
    optimise: { regret: 0, leader: 0, called: 0, share: 0 },
  }
  for (let i = 0; i < SIMS; i++) {
    for (const mode of ['fixed', 'optimise'] as const) {
      // The same seed for both modes: the same stream of visitors' random draws.
      const outcome = run(scenario.rates, mode === 'optimise', generator(1000 * s + i + 1))
      sum[mode].regret += outcome.regret
      sum[mode].leader += Number(outcome.leaderIsBest)
      sum[mode].called += Number(outcome.calledBest)
      sum[mode].share += outcome.bestShare
    }
  }
  const mean = (mode: 'fixed' | 'optimise') => ({
    regret: sum[mode].regret / SIMS,
    leaderIsBest: sum[mode].leader / SIMS,
    calledBest: sum[mode].called / SIMS,
    bestShare: sum[mode].share / SIMS,
  })
  return { scenario: scenario.name, fixed: mean('fixed'), optimise: mean('optimise') }
})

const pct = (x: number) => `${(x * 100).toFixed(1)}%`
console.log(
  `\nOptimise mode vs a fixed even split: ${SIMS} seeded runs per scenario, ${BATCHES} updates of ${BATCH} visitors, floor ${BANDIT_DEFAULTS.floorPercent}%, burn-in ${BANDIT_DEFAULTS.burnInVisitors} per arm\n`,
)
console.log(
  '| scenario | conversions lost: fixed / optimise | best variant shown to | leader is best | significant & right |',
)
console.log('| --- | ---: | ---: | ---: | ---: |')
for (const [index, row] of rows.entries()) {
  // With no difference there is no best variant: "right" means no winner was called.
  const aa = new Set(scenarios[index].rates).size === 1
  console.log(
    `| ${row.scenario} | ${row.fixed.regret.toFixed(1)} / ${row.optimise.regret.toFixed(1)} | ${aa ? '—' : `${pct(row.fixed.bestShare)} / ${pct(row.optimise.bestShare)}`} | ${aa ? '—' : `${pct(row.fixed.leaderIsBest)} / ${pct(row.optimise.leaderIsBest)}`} | ${pct(row.fixed.calledBest)} / ${pct(row.optimise.calledBest)}${aa ? ' (no winner called)' : ''} |`,
  )
}
fs.mkdirSync('bench/results', { recursive: true })
fs.writeFileSync('bench/results/bandit.json', JSON.stringify({ sims: SIMS, rows }, null, 2))
