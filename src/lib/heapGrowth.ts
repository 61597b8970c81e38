import v8 from 'node:v8'

import { heapGrowingPercent } from '@/lib/env'

/**
 * Bounds how far the heap grows past what survived its last full collection (see
 * heapGrowingPercent). V8 reads the flag at each full collection, so setting it once the process
 * runs takes effect for the whole process (V8 refuses it in NODE_OPTIONS). Returns the percent
 * set, or null when V8's own rule is kept.
 */
export function boundHeapGrowth(): number | null {
  const percent = heapGrowingPercent()
  if (percent === 0) return null
  v8.setFlagsFromString(`--heap-growing-percent=${percent}`)
  return percent
}
