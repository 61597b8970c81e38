/** 32-bit FNV-1a over the UTF-16 code units of a string. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193)
  }
  return hash >>> 0
}

export const BUCKETS = 10_000

/**
 * The visitor's bucket in [0, 10000) for one experiment. FNV-1a applied twice (as GrowthBook's
 * hash v2 does) mixes the low bits well; the experiment's seed makes one visitor's buckets in
 * two experiments independent. Changing this reshuffles every visitor: the unit tests pin it.
 */
export function hash(seed: string, value: string): number {
  return fnv1a32(String(fnv1a32(seed + value))) % BUCKETS
}
