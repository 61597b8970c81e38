import http from 'node:http'
import type { AddressInfo } from 'node:net'

import { expect, test } from '@playwright/test'
import { SMTPServer } from 'smtp-server'

import { adminApi, logIn, runningTwoArmExperiment, writeTodaysRollups } from './helpers'

// The e2e server sends mail to 127.0.0.1:E2E_SMTP_PORT and runs the notification job every 5 s
// (scripts/e2e-server.mjs); this test listens there and on a webhook receiver of its own.
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT || 3227)

test('a sample-ratio mismatch is announced once, by email and by webhook, with one id', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(120_000)
  const mails: string[] = []
  const posts: { id: string; text: string }[] = []
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, _session, callback) {
      let raw = ''
      stream.on('data', (chunk) => (raw += chunk))
      stream.on('end', () => {
        mails.push(raw)
        callback()
      })
    },
  })
  await new Promise<void>((resolve) => smtp.listen(SMTP_PORT, '127.0.0.1', resolve))
  const receiver = http.createServer((req, res) => {
    let body = ''
    req.on('data', (chunk) => (body += chunk))
    req.on('end', () => {
      posts.push({
        id: String(req.headers['x-splitpage-notification']),
        text: JSON.parse(body).text,
      })
      res.writeHead(200).end('ok')
    })
  })
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve))
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`

  const api = await adminApi(playwright, baseURL!)
  try {
    const { control, bold, experiment } = await runningTwoArmExperiment(api, {
      slugPrefix: 'notify',
      title: 'Notify me',
      name: 'Mismatch watch',
    })
    // Set in the admin as a marketer would: Site settings → Experiment notifications.
    await logIn(page)
    await page.goto('/admin/globals/site-settings')
    await page.getByLabel('Email to').fill('growth@example.com')
    await page.getByLabel('Slack-compatible webhook URL').fill(hook)
    await page.getByRole('button', { name: 'Save' }).click()
    await expect(page.getByText(/updated successfully/i).first()).toBeVisible()

    // 300 visitors where 50/50 says there should be about 200 each: a mismatch.
    await writeTodaysRollups(experiment.id, [
      { variant: control.id, visitors: 300, conversions: 10 },
      { variant: bold.id, visitors: 100, conversions: 4 },
    ])
    const id = `exp-${experiment.id}-p1-srm`
    const started = Date.now()
    await expect
      .poll(
        () => [mails.filter((m) => m.includes(id)).length, posts.filter((p) => p.id === id).length],
        {
          timeout: 60_000,
          intervals: [1_000],
        },
      )
      .toEqual([1, 1])
    console.log(
      `[notifications] e-mail and webhook received ${Date.now() - started} ms after the data`,
    )
    const mail = mails.find((m) => m.includes(id))!
    expect(mail).toMatch(new RegExp(`X-Splitpage-Notification: ${id}`, 'i'))
    expect(mail).toMatch(/growth@example\.com/)
    expect(posts.find((p) => p.id === id)!.text).toContain(
      'Sample-ratio mismatch in “Mismatch watch”',
    )

    // Later runs of the job (every 5 s here) send nothing more for it.
    await page.waitForTimeout(12_000)
    expect(mails.filter((m) => m.includes(id))).toHaveLength(1)
    expect(posts.filter((p) => p.id === id)).toHaveLength(1)
    // The Results tab lists it.
    await page.goto(`/admin/collections/experiments/${experiment.id}/results`)
    await expect(page.getByText('visitors are not split as configured').first()).toBeVisible()
  } finally {
    // Later tests' experiments are not this test's business.
    await api.updateGlobal('site-settings', { notifyEmails: '', notifyWebhookUrl: '' })
    await api.dispose()
    await new Promise<void>((resolve) => smtp.close(() => resolve()))
    await new Promise<void>((resolve) => receiver.close(() => resolve()))
  }
})
