import { getTranslations } from 'next-intl/server';
import { signup } from '../actions';

export default async function SignupPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const t = await getTranslations('auth');
  const { error } = await searchParams;
  return (
    <section className="card auth">
      <h1>{t('signupTitle')}</h1>
      {error && <p className="error" role="alert">{error}</p>}
      <form className="stack" action={signup}>
        <label>{t('tenantName')}<input name="tenantName" required minLength={2} /></label>
        <label>{t('name')}<input name="name" autoComplete="name" required /></label>
        <label>{t('email')}<input name="email" type="email" autoComplete="email" required /></label>
        <label>{t('password')}<input name="password" type="password" autoComplete="new-password" required minLength={10} aria-describedby="pw-hint" /></label>
        <small id="pw-hint">{t('passwordHint')}</small>
        <button type="submit">{t('signup')}</button>
      </form>
      <p>{t('haveAccount')} <a href="/login">{t('login')}</a></p>
    </section>
  );
}
