// How Chromium is launched, for the end-to-end tests (playwright.config.ts) and the bench:
// Debian's /usr/bin/chromium when it exists (Playwright cannot download its browser here), with
// the flags a closed network and a root user need; elsewhere Playwright's own browser.
import fs from 'node:fs'

const SYSTEM_CHROMIUM = '/usr/bin/chromium'

export function chromiumLaunchOptions() {
  if (!fs.existsSync(SYSTEM_CHROMIUM)) return {}
  return {
    executablePath: SYSTEM_CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  }
}
