/** What an experiment's notifications announce (the `notifyOn` setting picks among them). */
export const NOTIFICATION_KINDS = [
  'sample-size',
  'significant',
  'srm',
  'guardrail',
  'schedule-start',
  'schedule-stop',
] as const
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  'sample-size': 'The planned sample size was reached',
  significant: 'A result became significant',
  srm: 'A sample-ratio mismatch was detected',
  guardrail: 'A guardrail goal got significantly worse',
  'schedule-start': 'Started by its schedule',
  'schedule-stop': 'Stopped by its schedule',
}
