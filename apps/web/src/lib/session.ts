import 'server-only';
import { cookies } from 'next/headers';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '@/api/client';

type Tokens = { accessToken: string; refreshToken: string; expiresIn: number };

// httpOnly: scripts never see the tokens; SameSite=Lax plus server actions' origin check keep
// other sites from acting for the user; Secure wherever the site is served over HTTPS.
const secure = () => process.env.NODE_ENV === 'production' && !process.env.WEB_INSECURE_COOKIES;

export async function saveSession(tokens: Tokens): Promise<void> {
  const jar = await cookies();
  const base = { httpOnly: true, sameSite: 'lax' as const, secure: secure(), path: '/' };
  jar.set(ACCESS_COOKIE, tokens.accessToken, { ...base, maxAge: tokens.expiresIn });
  jar.set(REFRESH_COOKIE, tokens.refreshToken, { ...base, maxAge: 30 * 86_400 });
}

export async function clearSession(): Promise<void> {
  const jar = await cookies();
  jar.delete(ACCESS_COOKIE);
  jar.delete(REFRESH_COOKIE);
}
