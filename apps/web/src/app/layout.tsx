import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { ACCESS_COOKIE, TENANT_COOKIE } from '@/lib/cookie-names';
import { can, me } from '@/lib/me';
import { unreadNotifications } from '@/lib/notifications';
import { logout, setLocale, switchWorkspace } from './actions';
import './globals.css';

export async function generateMetadata() {
  const t = await getTranslations('app');
  return { title: `${t('name')} — ${t('tagline')}` };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('nav');
  const signedIn = Boolean((await cookies()).get(ACCESS_COOKIE));
  const [admin, who, unread] = signedIn ? await Promise.all([can('members:manage'), me(), unreadNotifications()]) : [false, null, null];
  // Signed in, but the chosen agency no longer has this person: offer the way back.
  const lostWorkspace = signedIn && !who && Boolean((await cookies()).get(TENANT_COOKIE));
  return (
    <html lang={locale}>
      <body>
        <header className="top">
          <a className="brand" href="/">MRM AI Platform</a>
          <nav aria-label={t('main')}>
            {signedIn && <a href="/">{t('dashboard')}</a>}
            {signedIn && <a href="/clients">{t('clients')}</a>}
            {signedIn && <a href="/connections">{t('connections')}</a>}
            {signedIn && <a href="/reports">{t('reports')}</a>}
            {admin && <a href="/admin">{t('admin')}</a>}
          </nav>
          {unread !== null && (
            <a href="/notifications" className="bell" data-testid="bell" aria-label={t('notificationsUnread', { n: unread })}>
              <svg aria-hidden="true" width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round"><path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9" /><path d="M13.7 21a2 2 0 0 1-3.4 0" /></svg>{unread > 0 && <span className="count">{unread > 99 ? '99+' : unread}</span>}
            </a>
          )}
          {who && who.memberships.length > 1 && (
            <form action={switchWorkspace}>
              <label style={{ display: 'flex', alignItems: 'center', gap: '.4rem' }}>
                {t('workspace')}
                <select name="tenantId" defaultValue={who.tenantId} aria-label={t('workspace')}>
                  {who.memberships.map((m) => <option key={m.tenantId} value={m.tenantId}>{m.tenantName}</option>)}
                </select>
              </label>
              <button type="submit" className="link">OK</button>
            </form>
          )}
          <form action={setLocale}>
            <label style={{ display: 'flex', alignItems: 'center', gap: '.4rem' }}>
              {t('language')}
              <select name="locale" defaultValue={locale} aria-label={t('language')}>
                <option value="ru">Русский</option>
                <option value="en">English</option>
              </select>
            </label>
            <button type="submit" className="link" aria-label="OK">OK</button>
          </form>
          {signedIn && <a href="/settings/notifications" data-testid="email-settings-link">{t('emailSettings')}</a>}
          {signedIn && (
            <form action={logout}>
              <button type="submit" className="link">{t('logout')}</button>
            </form>
          )}
        </header>
        <main>
          {lostWorkspace && (
            <form action={switchWorkspace} className="card">
              <p className="error" role="alert">{t('lostWorkspace')}</p>
              <input type="hidden" name="tenantId" value="" />
              <button type="submit">{t('backToWorkspace')}</button>
            </form>
          )}
          {children}
        </main>
      </body>
    </html>
  );
}
