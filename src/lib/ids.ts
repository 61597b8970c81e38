/**
 * A relationship value as an id string: Payload gives a populated document or a bare id, and
 * ids are numbers on SQLite and strings on MongoDB.
 */
export function idOf(value: unknown): string {
  if (value && typeof value === 'object') {
    // A MongoDB ObjectId also has an `id` property (its raw bytes): use its hex form.
    const hex = (value as { toHexString?: () => string }).toHexString
    if (typeof hex === 'function') return hex.call(value)
    if ('id' in value) return idOf((value as { id: unknown }).id)
  }
  return String(value)
}

/** A deep copy without row ids, so copied blocks and array rows become new rows. */
export function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => key !== 'id')
        .map(([key, inner]) => [key, withoutIds(inner)]),
    )
  }
  return value
}

/** Like idOf, but null when there is no relationship. */
export function maybeIdOf(value: unknown): string | null {
  return value == null ? null : idOf(value)
}
