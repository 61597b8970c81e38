import Link from 'next/link'

/** What / shows before anyone has created the page with slug "home". */
export function WelcomePage() {
  return (
    <main id="main" className="not-found">
      <h1>Welcome to Splitpage</h1>
      <p>
        This site has no home page yet. Create a page with the slug <code>home</code> in the admin,
        or run <code>npm run seed</code> for demo content.
      </p>
      <Link className="button button--primary" href="/admin">
        Open the admin
      </Link>
    </main>
  )
}
