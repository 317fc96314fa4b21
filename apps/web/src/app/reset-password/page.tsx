import { getTranslations } from 'next-intl/server';
import { confirmPasswordReset } from './actions';

const ERRORS = ['mismatch', 'short', 'token', 'failed'] as const;

/** The page a reset email links to: a new password, twice; then the way to sign in. */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string; error?: string; done?: string }> }) {
  const t = await getTranslations('reset');
  const { token, error, done } = await searchParams;
  if (done) {
    return (
      <section className="card auth">
        <h1>{t('doneTitle')}</h1>
        <p role="status">{t('done')}</p>
        <p><a href="/login">{t('signIn')}</a></p>
      </section>
    );
  }
  const known = (ERRORS as readonly string[]).includes(error ?? '') ? (error as (typeof ERRORS)[number]) : error ? 'failed' : null;
  return (
    <section className="card auth">
      <h1>{t('resetTitle')}</h1>
      {!token ? (
        <>
          <p className="error" role="alert">{t('errors.token')}</p>
          <p><a href="/forgot-password">{t('askAgain')}</a></p>
        </>
      ) : (
        <>
          {known && <p className="error" role="alert">{t(`errors.${known}`)}</p>}
          {known === 'token' && <p><a href="/forgot-password">{t('askAgain')}</a></p>}
          <form className="stack" action={confirmPasswordReset}>
            <input type="hidden" name="token" value={token} />
            <label>{t('newPassword')}<input name="password" type="password" autoComplete="new-password" minLength={10} required aria-describedby="password-hint" /></label>
            <span id="password-hint" className="muted small">{t('passwordHint')}</span>
            <label>{t('repeatPassword')}<input name="repeat" type="password" autoComplete="new-password" minLength={10} required /></label>
            <button type="submit">{t('save')}</button>
          </form>
        </>
      )}
    </section>
  );
}
