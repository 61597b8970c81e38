/** The UTC day (YYYY-MM-DD) of an ISO timestamp; events carry it so results group by day cheaply. */
export function dayOf(timestamp: string | Date): string {
  return new Date(timestamp).toISOString().slice(0, 10)
}
