import type { ReactNode } from 'react';
import { getLocale, getTranslations } from 'next-intl/server';
import { cookies } from 'next/headers';
import { can } from '@/lib/me';
import { logout, setLocale } from './actions';
import './globals.css';

export async function generateMetadata() {
  const t = await getTranslations('app');
  return { title: `${t('name')} — ${t('tagline')}` };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations('nav');
  const signedIn = Boolean((await cookies()).get('mrm_access'));
  const admin = signedIn && (await can('members:manage'));
  return (
    <html lang={locale}>
      <body>
        <header className="top">
          <a className="brand" href="/">MRM AI Platform</a>
          <nav aria-label="main">
            {signedIn && <a href="/">{t('dashboard')}</a>}
            {signedIn && <a href="/clients">{t('clients')}</a>}
            {admin && <a href="/admin/members">{t('admin')}</a>}
          </nav>
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
          {signedIn && (
            <form action={logout}>
              <button type="submit" className="link">{t('logout')}</button>
            </form>
          )}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}
