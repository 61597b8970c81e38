import type { JSONFieldValidation } from 'payload'

/** Serialised size of a JSON value in bytes (UTF-8). */
export function jsonByteSize(value: unknown): number {
  return value == null ? 0 : Buffer.byteLength(JSON.stringify(value), 'utf8')
}

/** A JSON field validator refusing values larger than `maxBytes` once serialised. */
export function maxJsonSize(maxBytes: number, label: string): JSONFieldValidation {
  return (value) => {
    const size = jsonByteSize(value)
    return size <= maxBytes
      ? true
      : `${label} is too large (${size} bytes); the limit is ${maxBytes} bytes.`
  }
}
