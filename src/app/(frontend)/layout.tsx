import Link from 'next/link'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import { ConsentBanner } from '@/components/ConsentBanner'
import { siteSettings } from '@/lib/content/readers'
import './styles.css'

export const metadata: Metadata = {
  title: { default: 'Splitpage', template: '%s' },
}

export default async function FrontendLayout({ children }: { children: ReactNode }) {
  // Rendering must not fail because settings cannot be read: defaults apply (and are not cached).
  const settings = await siteSettings.forRender().catch(() => ({ consentMode: false }))
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            Splitpage
          </Link>
        </header>
        {children}
        <footer className="site-footer">
          <p>© {new Date().getFullYear()} Splitpage · Built with Payload and Next.js</p>
        </footer>
        {settings.consentMode && <ConsentBanner />}
      </body>
    </html>
  )
}
