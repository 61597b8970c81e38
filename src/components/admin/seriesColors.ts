/** One colour per variant, in order, shared by the admin's charts. */
export const SERIES_COLORS = ['#4a5163', '#3b3ff2', '#0f8a5f', '#d9480f', '#9c36b5']
