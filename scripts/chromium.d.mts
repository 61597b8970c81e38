// Types of chromium.mjs for playwright.config.ts.
export function chromiumLaunchOptions(): { executablePath?: string; args?: string[] }
