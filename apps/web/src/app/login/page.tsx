import { getTranslations } from 'next-intl/server';
import { login } from '../actions';
import { safeReturn } from '@/lib/return-to';

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string; next?: string }> }) {
  const t = await getTranslations('auth');
  const ti = await getTranslations('invite');
  const { error, next } = await searchParams;
  return (
    <section className="card auth">
      <h1>{t('loginTitle')}</h1>
      {error && <p className="error" role="alert">{t('failed')}</p>}
      <form className="stack" action={login}>
        {next && <input type="hidden" name="next" value={safeReturn(next)} />}
        <label>{t('email')}<input name="email" type="email" autoComplete="email" required /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="current-password" required /></label>
        <button type="submit">{t('login')}</button>
      </form>
      <p><a href="/forgot-password">{t('forgot')}</a></p>
      <p>{t('noAccount')} <a href="/signup">{t('signup')}</a></p>
      <p>{ti('have')} <a href="/invite">{ti('accept')}</a></p>
    </section>
  );
}
