// First visits in a real Chromium (Debian's when installed, as in the end-to-end tests): how
// many document requests a first visit makes (goal 1: no client-hint refetch) and the largest
// contentful paint, for the same content served in an experiment and without one.
import { chromium } from '@playwright/test'

import { chromiumLaunchOptions } from '../scripts/chromium.mjs'

const UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'

async function firstVisit(browser, url) {
  const context = await browser.newContext({ userAgent: UA })
  const page = await context.newPage()
  let documents = 0
  page.on('request', (request) => {
    if (request.resourceType() === 'document') documents++
  })
  await page.addInitScript(() => {
    window.__lcp = 0
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__lcp = entry.startTime
    }).observe({ type: 'largest-contentful-paint', buffered: true })
  })
  const started = Date.now()
  const response = await page.goto(url, { waitUntil: 'load' })
  const ttfb = await page.evaluate(() => {
    const [navigation] = performance.getEntriesByType('navigation')
    return navigation ? navigation.responseStart - navigation.requestStart : null
  })
  await page.waitForTimeout(300)
  const lcp = await page.evaluate(() => window.__lcp)
  const fcp = await page.evaluate(
    () =>
      performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime ?? Number.NaN,
  )
  await context.close()
  return { status: response?.status() ?? 0, documents, ttfb, lcp, fcp, ms: Date.now() - started }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]

/**
 * Medians over `visits` first visits of each URL (alternating). The largest paint is the hero
 * image, fetched after the document from the media route: its time varies by ±15% from visit to
 * visit on this machine (two runs of 15 gave ratios 0.91 and 1.15), hence 21 visits by default.
 */
export async function measureFirstVisits(urls, visits = 21) {
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    const runs = Object.fromEntries(Object.keys(urls).map((name) => [name, []]))
    for (let i = 0; i < visits; i++) {
      for (const [name, url] of Object.entries(urls))
        runs[name].push(await firstVisit(browser, url))
    }
    return Object.fromEntries(
      Object.entries(runs).map(([name, list]) => [
        name,
        {
          documents: Math.max(...list.map((run) => run.documents)),
          ttfbMs: median(list.map((run) => run.ttfb ?? 0)),
          lcpMs: median(list.map((run) => run.lcp)),
          fcpMs: median(list.map((run) => run.fcp)),
          statuses: [...new Set(list.map((run) => run.status))],
        },
      ]),
    )
  } finally {
    await browser.close()
  }
}
