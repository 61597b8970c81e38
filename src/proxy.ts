import { NextResponse, type NextRequest } from 'next/server'

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl
  // The page with slug "home" is served at /.
  if (pathname === '/') return NextResponse.rewrite(new URL('/home', request.url))
  return NextResponse.next()
}

export const config = {
  matcher: ['/((?!api|admin|_next|favicon.ico|robots.txt|sitemap.xml).*)'],
}
