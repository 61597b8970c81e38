import { nodemailerAdapter } from '@payloadcms/email-nodemailer'

/**
 * Payload's email: SMTP through Nodemailer when SMTP_HOST is set (notifications, password
 * reset), otherwise Payload's default, which writes each email to the console.
 * SMTP_PORT (587), SMTP_SECURE (true for implicit TLS, e.g. port 465), SMTP_USER / SMTP_PASS,
 * SMTP_FROM (the sender address).
 */
export function emailAdapter() {
  const host = process.env.SMTP_HOST
  if (!host) return undefined
  const port = Number(process.env.SMTP_PORT || 587)
  return nodemailerAdapter({
    defaultFromAddress: process.env.SMTP_FROM || `splitpage@${host}`,
    defaultFromName: 'Splitpage',
    // Checked when mail is sent; the server starts even while the SMTP server is away.
    skipVerify: true,
    transportOptions: {
      host,
      port,
      secure: process.env.SMTP_SECURE === 'true',
      auth: process.env.SMTP_USER
        ? { user: process.env.SMTP_USER, pass: process.env.SMTP_PASS ?? '' }
        : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
    },
  })
}
