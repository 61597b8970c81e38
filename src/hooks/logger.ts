import { pino, type DestinationStream } from 'pino'
import { build } from 'pino-pretty'

/**
 * Payload's logger (pino, pretty-printed as Payload's default), with one change: an error a
 * request caused and was answered with a 4xx (a refused anonymous request, a validation error)
 * is one line at `info`, not an error with a stack trace (measured: 22 lines each before). Payload's own per-error levels
 * (`loggingLevels`) do not apply in the production build, where error class names are minified.
 */
export function payloadLogger(
  // Synchronous, as Payload's own logger for its CLI: a script that exits right after logging
  // (generate:types, migrate:create) would otherwise lose its last lines.
  destination: DestinationStream = build({
    colorize: true,
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss',
    destination: 1,
    sync: true,
  }),
) {
  return pino(
    {
      name: 'payload',
      enabled: process.env.DISABLE_LOGGING !== 'true',
      hooks: {
        logMethod(args, method, level) {
          const err = (args[0] as { err?: { status?: unknown; message?: unknown } } | undefined)
            ?.err
          if (level >= 50 && typeof err?.status === 'number' && err.status < 500) {
            return this.info(`${err.status} ${String(err.message)}`)
          }
          return method.apply(this, args)
        },
      },
    },
    destination,
  )
}
