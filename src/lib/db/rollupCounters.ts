/**
 * The daily counters kept per experiment, variant and day (the experiment-daily collection):
 * newly exposed visitors, newly converting visitors, and raw event counts. Named once here for
 * the collection's fields, the rollup writers and the readers.
 */
export const ROLLUP_COUNTERS = [
  'visitors',
  'conversions',
  'impressions',
  'conversionEvents',
  'clicks',
  // Lead value: the sum over visitors of each visitor's total lead value, and of its square
  // (a mean metric's rollup: mean and variance per visitor without reading the visitors).
  'valueSum',
  'valueSumSquares',
] as const

export type RollupCounter = (typeof ROLLUP_COUNTERS)[number]
export type Counters = Record<RollupCounter, number>

export const zeroCounters = (): Counters =>
  Object.fromEntries(ROLLUP_COUNTERS.map((counter) => [counter, 0])) as Counters

/** The SQLite column of a counter (Payload's snake_case of the field name). */
export const counterColumn = (counter: RollupCounter) =>
  counter.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)
