/** Formatting for results; null (an undefined quantity) is shown as an em dash. */
export const percent = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : `${(value * 100).toFixed(digits)}%`

export const signedPercent = (value: number | null | undefined, digits = 1) =>
  value == null ? '—' : `${value > 0 ? '+' : ''}${(value * 100).toFixed(digits)}%`

export const count = (value: number | null | undefined) =>
  value == null ? '—' : new Intl.NumberFormat('en').format(value)

export const pValue = (value: number | null | undefined) =>
  value == null ? '—' : value < 0.001 ? '< 0.001' : value.toFixed(3)
