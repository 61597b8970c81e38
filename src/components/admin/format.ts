/** Formatting for results; null (an undefined quantity) is shown as an em dash. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : `${(value * 100).toFixed(digits)}%`

export const signedPercent = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : `${value > 0 ? '+' : ''}${(value * 100).toFixed(digits)}%`

export const count = (value: number | null | undefined) =>
  value == null ? '—' : new Intl.NumberFormat('en').format(value)

export const pValue = (value: number | null | undefined) =>
  value == null ? '—' : value < 0.001 ? '< 0.001' : value.toFixed(3)

/** A moment as the admin shows it without knowing the reader's zone: `2026-11-26 10:04 UTC`. */
export const moment = (iso: string) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`
