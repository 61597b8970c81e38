import Link from 'next/link'
import type { Metadata } from 'next'
import type { ReactNode } from 'react'

import './styles.css'

export const metadata: Metadata = {
  title: { default: 'Splitpage', template: '%s' },
}

export default function FrontendLayout({ children }: { children: ReactNode }) {
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
      </body>
    </html>
  )
}
