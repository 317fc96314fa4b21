import { NextResponse, type NextRequest } from 'next/server';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@/lib/cookie-names';

const API_URL = process.env.API_URL ?? 'http://127.0.0.1:3000';
// The client's sign-off page needs no account: its link is the credential.
const PUBLIC = ['/login', '/signup', '/approve/', '/invite', '/forgot-password', '/reset-password'];

/**
 * Keeps a session alive without the user noticing: when the short-lived access cookie has expired
 * but the refresh cookie is there, the tokens are rotated before the page renders. Without either,
 * pages that need a session send the visitor to the login page.
 */
export async function proxy(req: NextRequest) {
  const isPublic = PUBLIC.some((p) => req.nextUrl.pathname.startsWith(p));
  if (req.cookies.get(ACCESS_COOKIE)) return NextResponse.next();
  const refreshToken = req.cookies.get(REFRESH_COOKIE)?.value;
  if (refreshToken) {
    const res = await fetch(`${API_URL}/api/v1/auth/refresh`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken }) }).catch(() => null);
    if (res?.ok) {
      const tokens = (await res.json()) as { accessToken: string; refreshToken: string; expiresIn: number };
      // The page rendering right now must see the new access token too.
      req.cookies.set(ACCESS_COOKIE, tokens.accessToken);
      const next = NextResponse.next({ request: { headers: req.headers } });
      const base = { httpOnly: true, sameSite: 'lax' as const, secure: process.env.NODE_ENV === 'production' && !process.env.WEB_INSECURE_COOKIES, path: '/' };
      next.cookies.set(ACCESS_COOKIE, tokens.accessToken, { ...base, maxAge: tokens.expiresIn });
      next.cookies.set(REFRESH_COOKIE, tokens.refreshToken, { ...base, maxAge: 30 * 86_400 });
      return next;
    }
  }
  if (isPublic) return NextResponse.next();
  const login = req.nextUrl.clone();
  login.pathname = '/login';
  // Back to the page asked for once signed in (e.g. a report linked from an email).
  login.search = req.nextUrl.pathname === '/' ? '' : `?next=${encodeURIComponent(req.nextUrl.pathname + req.nextUrl.search)}`;
  const res = NextResponse.redirect(login);
  res.cookies.delete(REFRESH_COOKIE);
  return res;
}

export const config = { matcher: ['/((?!_next/|favicon.ico).*)'] };
