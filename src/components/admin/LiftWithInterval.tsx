import { signedPercent } from '@/components/admin/format'

/** A lift and, below it, its interval (or why there is none): one table cell's content. */
export function LiftWithInterval({
  lift,
  interval,
  note = null,
}: {
  lift: number | null
  interval: [number, number] | null
  note?: string | null
}) {
  return (
    <>
      {signedPercent(lift)}
      <span className="sp-muted">
        {interval
          ? `${signedPercent(interval[0])} to ${signedPercent(interval[1])}`
          : (note ?? '—')}
      </span>
    </>
  )
}
